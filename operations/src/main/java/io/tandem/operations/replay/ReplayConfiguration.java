package io.tandem.operations.replay;

import io.tandem.operations.OperationsAutoConfiguration;
import io.tandem.operations.OperationsProperties;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.control.ProcessorControls;
import io.tandem.operations.events.EventCounts;
import io.tandem.operations.events.EventPositions;
import io.tandem.operations.log.OperatorLog;
import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessors;
import io.tandem.operations.processor.ProcessorBoards;
import io.tandem.operations.processor.TokenTable;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Coordinated replays: the processors' anatomies, the plans and their coordinator on every node, and the API.
 * Everything they share lives in PostgreSQL; no node calls another.
 */
@AutoConfiguration(after = OperationsAutoConfiguration.class)
public class ReplayConfiguration {

    @Bean
    Anatomies operationsAnatomies(JdbcClient jdbc, OperationsTables tables, LocalNode node,
                                  LocalProcessors processors) {
        return new Anatomies(jdbc, tables, node, processors);
    }

    @Bean
    ReplayPlans operationsReplayPlans(JdbcClient jdbc, OperationsTables tables) {
        return new ReplayPlans(jdbc, tables);
    }

    @Bean
    ReplaySamples operationsReplaySamples(JdbcClient jdbc, OperationsTables tables) {
        return new ReplaySamples(jdbc, tables);
    }

    /** Dead letters' tokens are written with the primary serializer, like the token store's. */
    @Bean
    ReplayDeadLetters operationsReplayDeadLetters(JdbcClient jdbc, Serializer serializer) {
        return new ReplayDeadLetters(jdbc, serializer);
    }

    @Bean
    ReplayEnding operationsReplayEnding(ReplayPlans plans, ReplaySamples samples, ProcessorControls controls,
                                        OperatorLog log) {
        return new ReplayEnding(plans, samples, controls, log);
    }

    @Bean
    ReplayCoordinator operationsReplayCoordinator(ReplayPlans plans, ReplaySamples samples, JdbcClient jdbc,
                                                  OperationsTables tables, TokenTable tokens,
                                                  ProcessorControls controls, ReplayDeadLetters deadLetters,
                                                  EventProcessingConfiguration processing, EventStore eventStore,
                                                  EventPositions positions, PlatformTransactionManager transactions,
                                                  ReplayEnding ending, LocalProcessors processors, LocalNode node,
                                                  OperationsProperties properties) {
        ReplaySteps steps = new ReplaySteps(plans, samples, new ReplayCluster(jdbc, tables, properties.nodeTimeout()),
                                            tokens, controls, deadLetters, processing, eventStore, positions,
                                            new TransactionTemplate(transactions), ending, properties.rateWindow());
        return new ReplayCoordinator(plans, steps, processors, node, properties.controlPollInterval(),
                                     properties.replayLease());
    }

    @Bean
    Replays operationsReplays(ProcessorBoards boards, Anatomies anatomies, EventStore eventStore,
                              EventPositions positions, EventCounts counts, ReplayDeadLetters deadLetters,
                              ReplayPlans plans, ReplaySamples samples, JdbcClient jdbc, OperationsTables tables,
                              TokenTable tokens, OperatorLog log, ReplayCoordinator coordinator, LocalNode node,
                              OperationsProperties properties) {
        ReplayPlanner planner = new ReplayPlanner(eventStore, positions, counts,
                                                  new PayloadTypes(ReplayConfiguration.class.getClassLoader()),
                                                  deadLetters, plans, new ReplayEstimates(jdbc, tables, boards),
                                                  tokens);
        return new Replays(boards, anatomies, planner, plans, samples, tokens, log, coordinator, node.nodeId(),
                           properties.rateWindow());
    }

    @Bean
    ReplayController operationsReplayController(Replays replays) {
        return new ReplayController(replays);
    }
}
