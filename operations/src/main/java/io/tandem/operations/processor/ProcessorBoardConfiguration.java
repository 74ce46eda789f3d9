package io.tandem.operations.processor;

import io.tandem.operations.OperationsAutoConfiguration;
import io.tandem.operations.OperationsProperties;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.control.ControlGuard;
import io.tandem.operations.control.ProcessorControls;
import io.tandem.operations.events.EventPositions;
import io.tandem.operations.log.OperatorLog;
import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessors;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The processor board: each node's heartbeat, the cluster-wide read, the API and its live stream. */
@AutoConfiguration(after = OperationsAutoConfiguration.class)
public class ProcessorBoardConfiguration {

    @Bean
    LocalReports operationsLocalReports(LocalNode node, LocalProcessors processors, OperationsProperties properties) {
        return new LocalReports(node, processors, properties);
    }

    @Bean
    HeartbeatPublisher operationsHeartbeatPublisher(LocalNode node, LocalProcessors processors, LocalReports reports,
                                                    JdbcClient jdbc, PlatformTransactionManager transactionManager,
                                                    OperationsTables tables, OperationsProperties properties) {
        return new HeartbeatPublisher(node, processors, reports, jdbc, new TransactionTemplate(transactionManager),
                                      tables, properties);
    }

    /** Tokens are read with the serializer Axon's token store writes them with (the primary one). */
    @Bean
    TokenTable operationsTokenTable(JdbcClient jdbc, Serializer serializer) {
        return new TokenTable(jdbc, serializer);
    }

    @Bean
    ProcessorBoards operationsProcessorBoards(JdbcClient jdbc, OperationsTables tables,
                                              OperationsProperties properties, ProcessorControls controls,
                                              TokenTable tokenTable, EventPositions positions, LocalNode node,
                                              LocalReports reports) {
        return new ProcessorBoards(new ClusterReader(jdbc, tables, properties, controls, tokenTable), reports,
                                   new BoardAssembler(positions, properties.stallAfter(), node.nodeId()));
    }

    @Bean
    BoardStream operationsBoardStream(ProcessorBoards boards, OperationsProperties properties) {
        return new BoardStream(boards, properties);
    }

    @Bean
    ProcessorController operationsProcessorController(ProcessorBoards boards, BoardStream stream,
                                                      ProcessorControls controls, OperatorLog log,
                                                      ObjectProvider<ControlGuard> guards) {
        return new ProcessorController(boards, stream, controls, log, guards.orderedStream().toList());
    }
}
