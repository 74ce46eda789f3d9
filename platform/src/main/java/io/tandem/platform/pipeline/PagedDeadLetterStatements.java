package io.tandem.platform.pipeline;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DefaultDeadLetterStatementFactory;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.axonframework.common.DateTimeUtils;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Axon's JDBC statements for dead letters, with two fixes for Axon 4.13:
 * <ul>
 *   <li>the query for claimable sequences pages with {@code OFFSET}. Axon binds the page's offset as a minimum
 *       sequence index instead, so only the first page (the ten sequences touched longest ago) could ever be found,
 *       and ten letters waiting for an operator would hide every other sequence from retries;</li>
 *   <li>a requeued letter keeps the type of its failure as its cause type. Axon's {@code JdbcDeadLetter} wraps the
 *       requeue cause in another {@link ThrowableCause}, whose own class name would replace it.</li>
 * </ul>
 */
final class PagedDeadLetterStatements extends DefaultDeadLetterStatementFactory<EventMessage<?>> {

    private final DeadLetterSchema schema;

    PagedDeadLetterStatements(DeadLetterSchema schema, Serializer genericSerializer, Serializer eventSerializer) {
        super(DefaultDeadLetterStatementFactory.<EventMessage<?>>builder()
                                               .schema(schema)
                                               .genericSerializer(genericSerializer)
                                               .eventSerializer(eventSerializer));
        this.schema = schema;
    }

    @Override
    public PreparedStatement requeueStatement(Connection connection, String letterIdentifier, Cause cause,
                                              Instant lastTouched, MetaData diagnostics) throws SQLException {
        Cause failure = cause instanceof ThrowableCause wrapper && wrapper.getCause() instanceof Cause wrapped
                ? wrapped : cause;
        return super.requeueStatement(connection, letterIdentifier, failure, lastTouched, diagnostics);
    }

    @Override
    public PreparedStatement claimableSequencesStatement(Connection connection, String processingGroup,
                                                         Instant processingStartedLimit, int offset, int maxSize)
            throws SQLException {
        String table = schema.deadLetterTable();
        String group = schema.processingGroupColumn();
        String sequence = schema.sequenceIdentifierColumn();
        String index = schema.sequenceIndexColumn();
        String started = schema.processingStartedColumn();
        String sql = "SELECT * FROM " + table + " dl "
                     + "WHERE dl." + group + " = ? "
                     + "AND dl." + index + " = (SELECT MIN(dl2." + index + ") FROM " + table + " dl2 "
                     + "WHERE dl2." + group + " = dl." + group + " AND dl2." + sequence + " = dl." + sequence + ") "
                     + "AND (dl." + started + " IS NULL OR dl." + started + " < ?) "
                     + "ORDER BY dl." + schema.lastTouchedColumn() + " ASC, dl." + schema.deadLetterIdentifierColumn()
                     + " LIMIT ? OFFSET ?";
        PreparedStatement statement =
                connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setString(1, processingGroup);
        statement.setString(2, DateTimeUtils.formatInstant(processingStartedLimit));
        statement.setInt(3, maxSize);
        statement.setInt(4, offset);
        return statement;
    }
}
