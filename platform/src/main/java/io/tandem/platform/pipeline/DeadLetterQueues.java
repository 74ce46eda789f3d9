package io.tandem.platform.pipeline;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;

import java.util.Set;

/**
 * The dead-letter queues of every processor that has one, all in {@code deadletterentry}: the event handlers' groups
 * that switch it on ({@code axon.eventhandling.processors.<group>.dlq.enabled}) and every saga processor.
 */
public final class DeadLetterQueues {

    private final Set<String> eventHandlerGroups;
    private final ConnectionProvider connections;
    private final TransactionManager transactions;
    private final DeadLetterSchema schema;
    private final PagedDeadLetterStatements statements;
    private final Serializer genericSerializer;
    private final Serializer eventSerializer;
    private final DeadLetterProperties properties;

    DeadLetterQueues(Set<String> eventHandlerGroups, ConnectionProvider connections, TransactionManager transactions,
                     DeadLetterSchema schema, Serializer genericSerializer, Serializer eventSerializer,
                     DeadLetterProperties properties) {
        this.eventHandlerGroups = Set.copyOf(eventHandlerGroups);
        this.connections = connections;
        this.transactions = transactions;
        this.schema = schema;
        this.statements = new PagedDeadLetterStatements(schema, genericSerializer, eventSerializer);
        this.genericSerializer = genericSerializer;
        this.eventSerializer = eventSerializer;
        this.properties = properties;
    }

    /** The event handlers' processing groups with a dead-letter queue. */
    Set<String> eventHandlerGroups() {
        return eventHandlerGroups;
    }

    JdbcSequencedDeadLetterQueue<EventMessage<?>> forGroup(String processingGroup) {
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                           .processingGroup(processingGroup)
                                           .connectionProvider(connections)
                                           .transactionManager(transactions)
                                           .schema(schema)
                                           .statementFactory(statements)
                                           .genericSerializer(genericSerializer)
                                           .eventSerializer(eventSerializer)
                                           .claimDuration(properties.claimDuration())
                                           // a full queue would stop its processor again: parked letters wait
                                           // for an operator however many there are
                                           .maxSequences(Integer.MAX_VALUE)
                                           .maxSequenceSize(Integer.MAX_VALUE)
                                           .build();
    }
}
