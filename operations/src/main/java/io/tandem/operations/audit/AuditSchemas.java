package io.tandem.operations.audit;

import io.tandem.operations.OperationsTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The schemas whose Axon tables (sagas, deadlines, dead letters) the audit trail reads: this node's own, and every
 * schema a node reported in {@code ops_node} (one per side in services mode), so any side answers for all.
 */
public class AuditSchemas {

    private static final Logger log = LoggerFactory.getLogger(AuditSchemas.class);

    private static final long REREAD_AFTER_NANOS = 10_000_000_000L;

    private final JdbcClient jdbc;
    private final OperationsTables tables;
    private volatile Known known;

    public AuditSchemas(JdbcClient jdbc, OperationsTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /** Asked several times per trace; the nodes' schemas change only when a side is added. */
    public List<String> all() {
        Known cached = known;
        if (cached != null && cached.until() > System.nanoTime()) {
            return cached.schemas();
        }
        List<String> schemas = read();
        known = new Known(schemas, System.nanoTime() + REREAD_AFTER_NANOS);
        return schemas;
    }

    private List<String> read() {
        Set<String> schemas = new LinkedHashSet<>();
        schemas.add(jdbc.sql("SELECT current_schema()").query(String.class).single());
        schemas.addAll(jdbc.sql("SELECT DISTINCT token_schema FROM " + tables.table("ops_node")
                                + " ORDER BY token_schema").query(String.class).list());
        return List.copyOf(schemas);
    }

    /** Runs the reader on each schema; a schema that cannot be read (a side's tables gone) is skipped and logged. */
    public void each(Consumer<String> reader) {
        for (String schema : all()) {
            try {
                reader.accept(schema);
            } catch (DataAccessException e) {
                log.warn("Cannot read the Axon tables of schema {} for the audit trail: {}", schema, e.toString());
            }
        }
    }

    private record Known(List<String> schemas, long until) {
    }

    /** The table in that schema, quoted. */
    public static String table(String schema, String table) {
        return OperationsTables.inSchema(schema, table);
    }
}
