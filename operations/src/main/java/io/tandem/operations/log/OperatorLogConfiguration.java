package io.tandem.operations.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.operations.OperationsAutoConfiguration;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.node.LocalNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operator log: the {@code OperatorAction} aggregate every side can record actions with, the API that lists
 * them, and the projection into {@code ops_operator_log}.
 * <p>
 * The projection runs where {@code tandem.operations.operator-log.projection} is true (the default): one side per
 * cluster must run it, and only one, as a processor name belongs to one side's token table. In services mode the
 * command side does; the query and saga sides switch it off in their profile files.
 */
@AutoConfiguration(after = OperationsAutoConfiguration.class)
public class OperatorLogConfiguration {

    static final String PROJECTION_PROPERTY = "tandem.operations.operator-log.projection";

    @Bean
    ConfigurerModule operatorActionAggregate() {
        return configurer -> configurer.configureAggregate(OperatorAction.class);
    }

    @Bean
    OperatorLog operatorLog(CommandGateway commands, LocalNode node) {
        return new OperatorLog(commands, node.nodeId());
    }

    @Bean
    OperatorLogReader operatorLogReader(JdbcClient jdbc, JdbcTemplate jdbcTemplate, OperationsTables tables) {
        return new OperatorLogReader(jdbc, jdbcTemplate, tables);
    }

    @Bean
    OperatorLogController operatorLogController(OperatorLogReader reader, PlatformTransactionManager transactions,
                                                ObjectMapper json) {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        return new OperatorLogController(reader, readOnly, json);
    }

    @Bean
    @ConditionalOnProperty(name = PROJECTION_PROPERTY, havingValue = "true", matchIfMissing = true)
    OperatorLogProjection operatorLogProjection(JdbcClient jdbc, OperationsTables tables) {
        return new OperatorLogProjection(jdbc, tables);
    }

    @Bean
    @ConditionalOnProperty(name = PROJECTION_PROPERTY, havingValue = "true", matchIfMissing = true)
    ConfigurerModule operatorLogProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerPooledStreamingEventProcessor(
                OperatorLogProjection.PROCESSING_GROUP));
    }
}
