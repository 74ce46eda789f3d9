package io.tandem.operations.rebuild;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shadow processor's transactions: Axon's, with the rebuild's schema put first on the search path for the rest of
 * the transaction ({@code set_config(..., true)} is {@code SET LOCAL}). The projection's handlers name their tables
 * without a schema, so they write the shadow tables; everything else they touch (the token and dead-letter tables,
 * other projections' tables they read) is found in the side's schema as always. Nothing outlives the transaction.
 */
final class ShadowTransactions implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcClient jdbc;
    private final String schema;

    ShadowTransactions(TransactionManager delegate, JdbcClient jdbc, String shadowSchema) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.schema = ShadowTables.quote(shadowSchema);
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            // a transaction joined a second time keeps the path it has
            jdbc.sql("""
                     SELECT set_config('search_path', CASE WHEN current_setting('search_path') LIKE :first || '%'
                                                           THEN current_setting('search_path')
                                                           ELSE :first || ', ' || current_setting('search_path') END,
                                       true)""")
                .param("first", schema)
                .query(String.class).single();
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
