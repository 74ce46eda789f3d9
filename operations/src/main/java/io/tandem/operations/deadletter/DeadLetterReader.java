package io.tandem.operations.deadletter;

import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.deadletter.DeadLetterViews.GroupView;
import io.tandem.operations.node.LocalNode;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the parked sequences of every side from its {@code dead_letter_status} view (every schema a node reported,
 * so any node answers for all), each by its first letter: a page of them, their groups by fingerprint, or those a
 * bulk action takes.
 */
class DeadLetterReader {

    private static final String COLUMNS = "schema_name, processing_group, sequence_identifier, letters,"
            + " dead_letter_identifier, event_identifier, payload_type, aggregate_type, aggregate_identifier,"
            + " aggregate_sequence_number, cause_type, cause_message, fingerprint, top_frame, enqueued_at,"
            + " last_touched, processing_started, retries, next_retry_at, last_error, state";
    private static final String NEWEST_FIRST = " ORDER BY enqueued_at DESC, processing_group DESC,"
                                               + " sequence_identifier DESC";

    private final JdbcClient jdbc;
    private final OperationsTables tables;
    private final LocalNode node;

    DeadLetterReader(JdbcClient jdbc, OperationsTables tables, LocalNode node) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.node = node;
    }

    /** Matching sequences newest first, by cursor, with their total. */
    List<ParkedSequence> page(DeadLetterFilter filter, PageRequest page) {
        DeadLetterFilter.Where where = filter.where();
        List<Object> parameters = new ArrayList<>(where.parameters());
        String sql = "SELECT " + COLUMNS + " FROM " + heads() + " WHERE " + where.sql();
        Cursor after = page.after(3);
        if (after != null) {
            sql += " AND (enqueued_at, processing_group, sequence_identifier) < (?, ?, ?)";
            parameters.addAll(List.of(Timestamp.from(after.instant(0)), after.value(1), after.value(2)));
        }
        parameters.add(page.probeSize());
        return jdbc.sql(sql + NEWEST_FIRST + " LIMIT ?").params(parameters).query(DeadLetterReader::sequence).list();
    }

    long count(DeadLetterFilter filter) {
        DeadLetterFilter.Where where = filter.where();
        return jdbc.sql("SELECT count(*) FROM " + heads() + " WHERE " + where.sql()).params(where.parameters())
                   .query(Long.class).single();
    }

    /** The matching sequences a bulk action takes: the oldest first, at most {@code limit}. */
    List<ParkedSequence> oldest(DeadLetterFilter filter, int limit) {
        DeadLetterFilter.Where where = filter.where();
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.add(limit);
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + heads() + " WHERE " + where.sql()
                        + " ORDER BY enqueued_at, processing_group, sequence_identifier LIMIT ?")
                   .params(parameters).query(DeadLetterReader::sequence).list();
    }

    /** The matching sequences grouped by the fingerprint of their failure, the largest group first. */
    List<GroupView> groups(DeadLetterFilter filter) {
        DeadLetterFilter.Where where = filter.where();
        return jdbc.sql("SELECT fingerprint, cause_type, top_frame, count(*), sum(letters),"
                        + " array_agg(DISTINCT processing_group), max(cause_message), min(enqueued_at),"
                        + " max(enqueued_at) FROM " + heads() + " WHERE " + where.sql()
                        + " GROUP BY fingerprint, cause_type, top_frame ORDER BY count(*) DESC, fingerprint")
                   .params(where.parameters())
                   .query((row, n) -> new GroupView(row.getString(1), row.getString(2), row.getString(3),
                                                    row.getLong(4), row.getLong(5), strings(row.getArray(6)),
                                                    row.getString(7), instant(row, 8), instant(row, 9)))
                   .list();
    }

    Optional<ParkedSequence> find(String processor, String sequence) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + heads()
                        + " WHERE processing_group = ? AND sequence_identifier = ?")
                   .params(processor, sequence).query(DeadLetterReader::sequence).list().stream().findFirst();
    }

    /**
     * A letter of a sequence with its event as stored.
     *
     * @param index the letter's place in its sequence
     */
    record StoredLetter(String letterId, long index, String eventId, String payloadType, String payloadRevision,
                        byte[] payload, Long aggregateSequence, Instant enqueuedAt, Instant lastTouched,
                        String causeType, String causeMessage, Integer retries, String state) {
    }

    /** The sequence's letters in order (at most {@code limit}), with their stored events. */
    List<StoredLetter> letters(ParkedSequence sequence, int limit) {
        String schema = sequence.schema();
        return jdbc.sql("SELECT d.dead_letter_identifier, d.sequence_index, d.event_identifier, d.payload_type,"
                        + " e.payloadrevision, e.payload, d.aggregate_sequence_number, d.enqueued_at,"
                        + " d.last_touched, d.cause_type, d.cause_message, d.retries, d.state FROM "
                        + OperationsTables.inSchema(schema, "dead_letter_status") + " d JOIN "
                        + OperationsTables.inSchema(schema, "deadletterentry")
                        + " e ON e.deadletteridentifier = d.dead_letter_identifier"
                        + " WHERE d.processing_group = ? AND d.sequence_identifier = ? ORDER BY d.sequence_index"
                        + " LIMIT ?")
                   .params(sequence.processor(), sequence.sequence(), limit)
                   .query((row, n) -> new StoredLetter(row.getString(1), row.getLong(2), row.getString(3),
                                                       row.getString(4), row.getString(5), row.getBytes(6),
                                                       row.getObject(7, Long.class), instant(row, 8),
                                                       instant(row, 9), row.getString(10), row.getString(11),
                                                       row.getObject(12, Integer.class), row.getString(13)))
                   .list();
    }

    /** The stored event of a sequence's first letter: its type, revision and bytes. */
    Optional<StoredLetter> first(ParkedSequence sequence) {
        return letters(sequence, 1).stream().findFirst();
    }

    /** The schema whose dead letters hold this letter of the processor. */
    Optional<String> schemaOfLetter(String processor, String letterId) {
        return schemas().stream()
                        .filter(schema -> jdbc.sql("SELECT count(*) FROM "
                                                   + OperationsTables.inSchema(schema, "deadletterentry")
                                                   + " WHERE processinggroup = ? AND deadletteridentifier = ?")
                                              .params(processor, letterId).query(Long.class).single() > 0)
                        .findFirst();
    }

    /**
     * The first letters of every sequence in every side's schema: the view's columns, the schema and the number of
     * letters in the sequence.
     */
    private String heads() {
        String letters = schemas().stream()
                                  .map(schema -> "SELECT '" + schema.replace("'", "''") + "' AS schema_name, d.*"
                                                 + " FROM " + OperationsTables.inSchema(schema, "dead_letter_status")
                                                 + " d")
                                  .collect(Collectors.joining(" UNION ALL "));
        return "(SELECT DISTINCT ON (schema_name, processing_group, sequence_identifier) l.*, count(*) OVER"
               + " (PARTITION BY schema_name, processing_group, sequence_identifier) AS letters FROM (" + letters
               + ") l ORDER BY schema_name, processing_group, sequence_identifier, sequence_index) heads";
    }

    /** The schemas of every side that reported a node, and this node's. */
    List<String> schemas() {
        TreeSet<String> schemas = new TreeSet<>(jdbc.sql("SELECT DISTINCT token_schema FROM "
                                                         + tables.table("ops_node")).query(String.class).list());
        schemas.add(node.tokenSchema());
        return List.copyOf(schemas);
    }

    private static ParkedSequence sequence(ResultSet row, int rowNumber) throws SQLException {
        return new ParkedSequence(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                                  row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                                  row.getString(9), row.getObject(10, Long.class), row.getString(11),
                                  row.getString(12), row.getString(13), row.getString(14), instant(row, 15),
                                  instant(row, 16), instant(row, 17), row.getObject(18, Integer.class),
                                  instant(row, 19), row.getString(20), row.getString(21));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
