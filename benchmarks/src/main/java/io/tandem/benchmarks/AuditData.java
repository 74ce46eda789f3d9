package io.tandem.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The audit benchmark's data, written by SQL straight into the tables (seconds instead of hours through commands):
 * one aggregate with a long history and many small ones in {@code domainevententry}, serialized as the JDBC store
 * writes them (JSON bytes, ISO timestamps a day old so the hash chain takes them at once), and a million rows of
 * {@code audit_event_index} spread over 30 days, 30 event types, 10,000 users and requests of four events.
 */
final class AuditData {

    static final String HISTORY_AGGREGATE = "BENCH-LEDGER-1";
    static final int INDEX_POSITIONS_FROM = 100_000_000;
    static final List<String> TYPES = List.of(
            "BookingPlacedEvent", "PaymentRecordedEvent", "BookingConfirmedEvent", "SeatReservedEvent",
            "SeatSoldEvent", "NotificationSentEvent", "UserSignedUpEvent", "ProfileUpdatedEvent", "PostCreatedEvent",
            "CommentAddedEvent", "ChatMessageSentEvent", "PlanScheduledEvent", "PlanChangedEvent", "FileRegisteredEvent",
            "CoupleMatchedEvent", "AnniversaryAddedEvent", "CalendarEntryAddedEvent", "MileageUpdatedEvent",
            "MaintenanceLoggedEvent", "BookingCancelledEvent", "BookingExpiredEvent", "RefundFailedEvent",
            "BookingRefundedEvent", "FlightRegisteredEvent", "ScheduleAddedEvent", "DiscountCreatedEvent",
            "PromotionStartedEvent", "ChatReadEvent", "InviteSentEvent", "OperatorActionStartedEvent");
    static final List<String> AGGREGATE_TYPES = List.of(
            "Booking", "FlightSchedule", "UserAccount", "Post", "ChatMessage", "Plan", "Vehicle", "Couple");

    private AuditData() {
    }

    /** {@code count} events of one aggregate, sequence numbers from 0. */
    static void history(Connection connection, String aggregateId, int count) throws SQLException {
        domainEvents(connection, "'" + aggregateId + "'", "s", count, "BenchLedger", "LedgerEntryPostedEvent");
    }

    /** {@code count} events of aggregates of ten events each, for the hash chain to cover and verify. */
    static void volume(Connection connection, int count) throws SQLException {
        domainEvents(connection, "'BENCH-' || (s / 10)", "s % 10", count, "BenchAccount", "AccountEntryEvent");
    }

    private static void domainEvents(Connection connection, String aggregateId, String sequence, int count,
                                     String aggregateType, String eventType) throws SQLException {
        execute(connection, """
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                              payload, payloadrevision, payloadtype, timestamp)
                SELECT %s, %s, '%s', gen_random_uuid()::text,
                       convert_to(json_build_object(
                           'user_id', 'user-' || (s %% 1000), 'user_roles', 'USER',
                           'correlation_id', 'bench-' || (s / 4), 'causation_id', gen_random_uuid(),
                           'causation_type', 'command PostEntryCommand', 'app_version', 'bench',
                           'client_ip', '10.1.' || (s %% 250) || '.' || (s %% 200),
                           'user_agent', 'Mozilla/5.0 (bench)')::text, 'UTF8'),
                       convert_to(json_build_object(
                           'accountId', 'acc-' || (s / 10), 'entry', s, 'amount', s * 100,
                           'status', CASE WHEN s %% 3 = 0 THEN 'OPEN' ELSE 'SETTLED' END,
                           'memo', repeat('m', 180))::text, 'UTF8'),
                       NULL, 'io.tandem.bench.%s',
                       to_char((now() - interval '1 day' + s * interval '1 millisecond') AT TIME ZONE 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                FROM generate_series(0, %d) s""".formatted(aggregateId, sequence, aggregateType, eventType,
                                                          count - 1));
    }

    /** {@code count} index rows at positions of their own, far above the stored events'. */
    static void index(Connection connection, int count) throws SQLException {
        execute(connection, """
                INSERT INTO audit_event_index (global_position, event_id, aggregate_type, aggregate_id,
                                               sequence_number, event_type, payload_type, occurred_at, user_id,
                                               correlation_id, causation_id, causation_type)
                SELECT %d + s, 'idx-' || s, (%s)[1 + (s / 10) %% %d], 'AGG-' || (s / 10), s %% 10, t.type,
                       'io.tandem.api.' || t.type, now() - interval '30 days' + s * (interval '30 days' / %d),
                       'user-' || (s::bigint * 7919 %% 10000), 'corr-' || (s / 4), 'cmd-' || s, 'command BenchCommand'
                FROM generate_series(0, %d) s,
                     LATERAL (SELECT (%s)[1 + floor(%d * power(random(), 2))::int + (s * 0)] AS type) t"""
                .formatted(INDEX_POSITIONS_FROM, array(AGGREGATE_TYPES), AGGREGATE_TYPES.size(), count, count - 1,
                           array(TYPES), TYPES.size()));
        execute(connection, "ANALYZE audit_event_index");
        execute(connection, "ANALYZE domainevententry");
    }

    private static String array(List<String> values) {
        return "ARRAY['" + String.join("','", values) + "']";
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        System.out.printf(Locale.ROOT, "  %.1f s: %s%n", (System.nanoTime() - started) / 1e9,
                          sql.strip().lines().findFirst().orElse(""));
    }
}
