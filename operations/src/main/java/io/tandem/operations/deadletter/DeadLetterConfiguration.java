package io.tandem.operations.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.log.OperatorLog;
import io.tandem.operations.node.LocalNode;
import io.tandem.platform.pipeline.DeadLetterProcessors;
import io.tandem.platform.pipeline.DeadLetterProperties;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The dead-letter explorer and its actions, over every side's {@code deadletterentry}. */
@AutoConfiguration(afterName = "io.tandem.operations.OperationsAutoConfiguration")
public class DeadLetterConfiguration {

    @Bean
    DeadLetterReader operationsDeadLetterReader(JdbcClient jdbc, OperationsTables tables, LocalNode node) {
        return new DeadLetterReader(jdbc, tables, node);
    }

    @Bean
    DeadLetterActions operationsDeadLetterActions(DeadLetterReader reader, DeadLetterProcessors processors,
                                                  PlatformTransactionManager transactions, JdbcClient jdbc,
                                                  DeadLetterProperties properties) {
        return new DeadLetterActions(reader, processors, new TransactionTemplate(transactions), jdbc,
                                     properties.claimDuration());
    }

    /** Dead letters hold their events as the event serializer wrote them. */
    @Bean
    DeadLetters operationsDeadLetters(DeadLetterReader reader, DeadLetterActions actions,
                                      @Qualifier("eventSerializer") Serializer eventSerializer, ObjectMapper json,
                                      OperatorLog log) {
        return new DeadLetters(reader, actions, new EventPayloads(eventSerializer, json), log);
    }

    @Bean
    DeadLetterController operationsDeadLetterController(DeadLetters deadLetters, DeadLetterReader reader,
                                                        DeadLetterActions actions, OperatorLog log) {
        return new DeadLetterController(deadLetters, new BulkActions(reader, actions, log));
    }
}
