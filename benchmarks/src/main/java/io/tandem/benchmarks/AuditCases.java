package io.tandem.benchmarks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The requests the audit benchmark times, each with the SQL a raw PostgreSQL client would send for the same rows:
 * the baseline it is compared with in the same run.
 *
 * @param path   the API request
 * @param sql    the raw query for the same rows
 * @param params the raw query's parameters
 */
record AuditCases(String path, String sql, Object[] params) {

    private static final String INDEX_COLUMNS = "global_position, event_id, aggregate_type, aggregate_id, "
                                                + "sequence_number, event_type, payload_type, occurred_at, user_id, "
                                                + "correlation_id, causation_id, causation_type, command_causation_id, "
                                                + "command_causation_type, causation_saga";
    private static final String EVENT_COLUMNS = "globalindex, eventidentifier, type, aggregateidentifier, "
                                                + "sequencenumber, timestamp, payloadtype, payloadrevision, payload, "
                                                + "metadata";

    /** A page of 100 events of the long history, from a random place in it. */
    static AuditCases historyPage(Random random, int historyLength) {
        int from = random.nextInt(historyLength - 100);
        return new AuditCases("/api/admin/audit/aggregates/" + AuditData.HISTORY_AGGREGATE + "/events?from_sequence="
                              + from + "&limit=100",
                              "SELECT " + EVENT_COLUMNS + " FROM domainevententry WHERE aggregateidentifier = ?"
                              + " AND sequencenumber >= ? ORDER BY sequencenumber LIMIT 101",
                              new Object[]{AuditData.HISTORY_AGGREGATE, (long) from});
    }

    /** The whole long history, streamed as NDJSON. */
    static AuditCases wholeHistory() {
        return new AuditCases("/api/admin/audit/aggregates/" + AuditData.HISTORY_AGGREGATE
                              + "/events/export?format=ndjson",
                              "SELECT " + EVENT_COLUMNS + " FROM domainevententry WHERE aggregateidentifier = ?"
                              + " ORDER BY sequencenumber", new Object[]{AuditData.HISTORY_AGGREGATE});
    }

    static AuditCases trace(String correlationId) {
        return new AuditCases("/api/admin/audit/traces/" + correlationId,
                              "SELECT " + INDEX_COLUMNS + " FROM audit_event_index WHERE correlation_id = ?"
                              + " ORDER BY global_position LIMIT 2001", new Object[]{correlationId});
    }

    /** One of four searches a person makes, over the million index rows, newest 100 first. */
    static AuditCases search(Random random, Instant newest) {
        String type = AuditData.TYPES.get(random.nextInt(AuditData.TYPES.size()));
        String aggregateType = AuditData.AGGREGATE_TYPES.get(random.nextInt(AuditData.AGGREGATE_TYPES.size()));
        Instant from = newest.minus(Duration.ofHours(1 + random.nextInt(29 * 24)));
        return switch (random.nextInt(4)) {
            case 0 -> window("type=" + type, "event_type = ?", type, from, from.plus(Duration.ofDays(1)));
            case 1 -> window("aggregate_type=" + aggregateType, "aggregate_type = ?", aggregateType, from,
                             from.plus(Duration.ofHours(1)));
            case 2 -> {
                String user = "user-" + random.nextInt(10_000);
                yield new AuditCases("/api/admin/audit/events?user_id=" + user,
                                     "SELECT " + INDEX_COLUMNS + " FROM audit_event_index WHERE user_id = ?"
                                     + " ORDER BY global_position DESC LIMIT 101", new Object[]{user});
            }
            default -> {
                String correlation = "corr-" + random.nextInt(250_000);
                yield new AuditCases("/api/admin/audit/events?correlation_id=" + correlation,
                                     "SELECT " + INDEX_COLUMNS + " FROM audit_event_index WHERE correlation_id = ?"
                                     + " ORDER BY global_position DESC LIMIT 101", new Object[]{correlation});
            }
        };
    }

    private static AuditCases window(String filter, String condition, String value, Instant from, Instant to) {
        return new AuditCases("/api/admin/audit/events?" + filter + "&from=" + encode(from) + "&to=" + encode(to),
                              "SELECT " + INDEX_COLUMNS + " FROM audit_event_index WHERE " + condition
                              + " AND occurred_at >= ? AND occurred_at < ? ORDER BY global_position DESC LIMIT 101",
                              new Object[]{value, Timestamp.from(from), Timestamp.from(to)});
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }

    /** The raw reading of every stored event, page by page as verify reads them. */
    static String allEventsPage() {
        return "SELECT " + EVENT_COLUMNS + " FROM domainevententry WHERE globalindex >= ? ORDER BY globalindex"
               + " LIMIT 2000";
    }
}
