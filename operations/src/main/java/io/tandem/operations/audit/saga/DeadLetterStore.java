package io.tandem.operations.audit.saga;

import io.tandem.operations.audit.AuditSchemas;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Dead letters of given events in every schema's {@code deadletterentry}: where a processor gave up on them. */
public class DeadLetterStore {

    private final JdbcClient jdbc;
    private final AuditSchemas schemas;

    public DeadLetterStore(JdbcClient jdbc, AuditSchemas schemas) {
        this.jdbc = jdbc;
        this.schemas = schemas;
    }

    public List<DeadLetter> ofEvents(Collection<String> eventIds) {
        List<DeadLetter> found = new ArrayList<>();
        if (eventIds.isEmpty()) {
            return found;
        }
        schemas.each(schema -> found.addAll(
                jdbc.sql("SELECT eventidentifier, processinggroup, sequenceidentifier, causetype, causemessage,"
                         + " enqueuedat FROM " + AuditSchemas.table(schema, "deadletterentry")
                         + " WHERE eventidentifier = ANY (?) ORDER BY enqueuedat")
                    .param(eventIds.toArray(String[]::new))
                    .query((row, n) -> new DeadLetter(row.getString(1), row.getString(2), row.getString(3),
                                                      row.getString(4), row.getString(5),
                                                      DateTimeUtils.parseInstant(row.getString(6))))
                    .list()));
        return found;
    }

    /** @param processingGroup the processor that could not handle the event */
    public record DeadLetter(String eventId, String processingGroup, String sequenceIdentifier, String causeType,
                             String causeMessage, Instant enqueuedAt) {
    }
}
