package io.tandem.operations.rebuild;

import io.tandem.operations.OperationsProperties;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.control.ControlGuard;
import io.tandem.operations.control.ProcessorControls;
import io.tandem.operations.events.EventPositions;
import io.tandem.operations.log.OperatorLog;
import io.tandem.operations.node.AssembledProcessors;
import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessors;
import io.tandem.operations.processor.ProcessorBoards;
import io.tandem.operations.processor.TokenTable;
import io.tandem.platform.pipeline.AssembledProcessorPipeline;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Blue/green projection rebuilds: the rebuilds and their coordinator on every node, the shadow processors, and the
 * API. Everything nodes share lives in PostgreSQL; no node calls another.
 */
@AutoConfiguration(afterName = {"io.tandem.operations.OperationsAutoConfiguration",
                                "io.tandem.operations.processor.ProcessorBoardConfiguration"})
@EnableConfigurationProperties(RebuildProperties.class)
public class RebuildConfiguration {

    @Bean
    RebuildPlans operationsRebuildPlans(JdbcClient jdbc, OperationsTables tables) {
        return new RebuildPlans(jdbc, tables);
    }

    @Bean
    RebuildSamples operationsRebuildSamples(JdbcClient jdbc, OperationsTables tables) {
        return new RebuildSamples(jdbc, tables);
    }

    @Bean
    ShadowProcessors operationsShadowProcessors(EventProcessingConfiguration processing, EventStore eventStore,
                                                TransactionManager transactions, JdbcClient jdbc,
                                                AssembledProcessorPipeline pipeline, AssembledProcessors assembled) {
        return new ShadowProcessors(processing, eventStore, transactions, jdbc, pipeline, assembled);
    }

    @Bean
    RebuildSteps operationsRebuildSteps(RebuildPlans plans, RebuildSamples samples, JdbcClient jdbc,
                                        OperationsTables tables, TokenTable tokens, ProcessorControls controls,
                                        OperatorLog log, EventPositions positions,
                                        PlatformTransactionManager transactionManager,
                                        OperationsProperties properties) {
        RebuildCluster cluster = new RebuildCluster(jdbc, tables, tokens, properties.nodeTimeout());
        ShadowTables shadowTables = new ShadowTables(jdbc);
        LiveControl live = new LiveControl(plans, controls, log);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        RebuildSwaps swaps = new RebuildSwaps(plans, cluster, shadowTables, live, samples, jdbc, transactions, tables);
        return new RebuildSteps(plans, samples, cluster, shadowTables, new RebuildVerification(jdbc), live, log,
                                positions, transactions, swaps, properties.rateWindow());
    }

    @Bean
    RebuildCoordinator operationsRebuildCoordinator(RebuildPlans plans, RebuildSteps steps, ShadowProcessors shadows,
                                                    LocalProcessors processors, LocalNode node,
                                                    OperationsProperties properties) {
        return new RebuildCoordinator(plans, steps, shadows, processors, node, properties.controlPollInterval(),
                                      properties.replayLease());
    }

    @Bean
    Rebuilds operationsRebuilds(ProcessorBoards boards, RebuildProperties properties, RebuildPlans plans,
                                RebuildSteps steps, ProcessorControls controls, OperatorLog log,
                                RebuildCoordinator coordinator, ObjectProvider<ControlGuard> guards) {
        return new Rebuilds(boards, properties, plans, steps, controls, log, coordinator, guards);
    }

    @Bean
    RebuildController operationsRebuildController(Rebuilds rebuilds) {
        return new RebuildController(rebuilds);
    }
}
