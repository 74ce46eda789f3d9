package io.tandem.operations.audit.chain;

import io.tandem.operations.OperationsTables;
import io.tandem.operations.audit.AuditProperties;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.events.EventPositions;
import io.tandem.platform.storage.FileStorage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** The hash chain: its keeper (where {@code tandem.audit.chain.enabled}, the default), anchors and verify. */
@Configuration(proxyBeanMethods = false)
public class ChainConfiguration {

    @Bean
    ChainStore auditChainStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, OperationsTables tables) {
        return new ChainStore(jdbc, jdbcTemplate, tables);
    }

    @Bean
    ChainVerifier auditChainVerifier(ChainStore store, StoredEvents events, EventPositions positions) {
        return new ChainVerifier(store, events, positions);
    }

    @Bean
    ChainController auditChainController(ChainVerifier verifier, ChainStore store, EventPositions positions) {
        return new ChainController(verifier, store, positions);
    }

    @Bean
    @ConditionalOnProperty(name = "tandem.audit.chain.enabled", havingValue = "true", matchIfMissing = true)
    ChainKeeper auditChainKeeper(ChainStore store, StoredEvents events, EventPositions positions,
                                 PlatformTransactionManager transactionManager, ObjectProvider<FileStorage> storage,
                                 AuditProperties properties) {
        AuditProperties.Chain chain = properties.chain();
        AnchorPublisher anchors = new AnchorPublisher(store, chain.anchorToStorage() ? storage.getIfAvailable() : null,
                                                      chain.anchorInterval(), Clock.systemUTC());
        return new ChainKeeper(store, events, positions, new TransactionTemplate(transactionManager), anchors,
                               properties);
    }
}
