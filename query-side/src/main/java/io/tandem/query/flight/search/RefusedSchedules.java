package io.tandem.query.flight.search;

import io.tandem.platform.pipeline.DeadLetterParking;
import io.tandem.platform.pipeline.DeadLetterProcessing;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Schedule documents the search index refused when a batch was written (a value out of the mapping's range, say).
 * While the processor handles its batch, the events of the batch that changed a refused schedule are parked in the
 * group's dead-letter queue and the rest of the batch commits, so one bad schedule never stops search. While a
 * parked event is retried, a refusal fails the retry, which keeps it parked.
 */
@Component
class RefusedSchedules {

    private static final Logger log = LoggerFactory.getLogger(RefusedSchedules.class);

    private final DeadLetterParking parking;

    RefusedSchedules(DeadLetterParking parking) {
        this.parking = parking;
    }

    /**
     * @param refused   the refusals of the bulk write, reason by schedule id
     * @param changedBy the events of the batch that changed each schedule, by event id
     */
    void park(String index, Map<String, String> refused, Map<String, Map<String, EventMessage<?>>> changedBy) {
        if (refused.isEmpty()) {
            return;
        }
        if (DeadLetterProcessing.inProgress()) {
            throw new DocumentRefusedException(index, refused);
        }
        Map<String, EventMessage<?>> parked = new LinkedHashMap<>();
        refused.forEach((scheduleId, reason) -> changedBy.getOrDefault(scheduleId, Map.of()).forEach(
                (eventId, event) -> {
                    if (parked.putIfAbsent(eventId, event) == null) {
                        parking.park(FlightSearchConfiguration.PROCESSING_GROUP, event,
                                     new DocumentRefusedException(index, Map.of(scheduleId, reason)));
                    }
                }));
        log.warn("Search index {} refused schedule(s) {}; parked the {} event(s) that changed them", index, refused,
                 parked.size());
    }

    /** The search index would not store a schedule's document. */
    static final class DocumentRefusedException extends RuntimeException {

        DocumentRefusedException(String index, Map<String, String> refused) {
            super("Search index " + index + " refused schedule document(s): " + refused);
        }
    }
}
