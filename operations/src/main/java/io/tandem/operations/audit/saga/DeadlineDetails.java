package io.tandem.operations.audit.saga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.Optional;

/**
 * Reads what Axon's db-scheduler deadline manager stores in {@code scheduled_tasks.task_data}: a Java-serialized
 * {@link DbSchedulerBinaryDeadlineDetails} (db-scheduler's Spring default). Only that class, strings and byte arrays
 * are accepted, so no other class is ever instantiated from the table.
 *
 * @param name      the deadline's name
 * @param scopeKind {@code saga} or {@code aggregate}: what the deadline calls back
 * @param scopeType the saga's or aggregate's type
 * @param scopeId   the saga's or aggregate's id
 * @param metadata  the deadline message's metadata (its correlation and causation ids, its user)
 */
record DeadlineDetails(String name, String scopeKind, String scopeType, String scopeId, JsonNode metadata) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectInputFilter ONLY_DEADLINE_DETAILS = info -> {
        Class<?> type = info.serialClass();
        if (info.depth() > 5 || info.references() > 100) {
            return ObjectInputFilter.Status.REJECTED;
        }
        if (type == null || type == DbSchedulerBinaryDeadlineDetails.class || type == String.class
            || type.isArray() && type.getComponentType().isPrimitive()) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        return ObjectInputFilter.Status.REJECTED;
    };

    static Optional<DeadlineDetails> read(byte[] taskData) {
        if (taskData == null) {
            return Optional.empty();
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(taskData))) {
            in.setObjectInputFilter(ONLY_DEADLINE_DETAILS);
            if (!(in.readObject() instanceof DbSchedulerBinaryDeadlineDetails details)) {
                return Optional.empty();
            }
            JsonNode scope = json(details.getS());
            String scopeClass = details.getSc() == null ? "" : details.getSc();
            return Optional.of(new DeadlineDetails(details.getD(),
                                                   scopeClass.endsWith("SagaScopeDescriptor") ? "saga" : "aggregate",
                                                   scope.path("type").asText(null),
                                                   scope.path("identifier").asText(null), json(details.getM())));
        } catch (InvalidClassException | ClassNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode json(byte[] stored) {
        if (stored == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(stored);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    String metadata(String key) {
        JsonNode value = metadata.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
