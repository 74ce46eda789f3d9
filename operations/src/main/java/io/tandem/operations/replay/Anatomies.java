package io.tandem.operations.replay;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessors;
import io.tandem.operations.replay.ProcessorAnatomy.HandlerAnatomy;
import io.tandem.platform.jdbc.JsonColumns;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Optional;

/**
 * The processors' anatomies in {@code ops_processor_anatomy}: each node describes its own processors when it starts
 * (a new version of a side replaces what an older one said), and any node reads them to plan a replay.
 */
class Anatomies implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Anatomies.class);
    private static final TypeReference<List<HandlerAnatomy>> HANDLERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final String table;
    private final LocalNode node;
    private final LocalProcessors processors;
    private volatile boolean running;

    Anatomies(JdbcClient jdbc, OperationsTables tables, LocalNode node, LocalProcessors processors) {
        this.jdbc = jdbc;
        this.table = tables.table("ops_processor_anatomy");
        this.node = node;
        this.processors = processors;
    }

    /** The processor's anatomy; a 404 for a processor no node described. */
    ProcessorAnatomy require(String processor) {
        return find(processor).orElseThrow(() -> new RejectedException(Rejection.notFound(
                "processor_not_found", "No event processor is called " + processor + ".")));
    }

    Optional<ProcessorAnatomy> find(String processor) {
        return jdbc.sql("SELECT processor, side, token_store, token_schema, saga_type, supports_reset, handlers::text"
                        + " FROM " + table + " WHERE processor = ?")
                   .param(processor)
                   .query((row, n) -> new ProcessorAnatomy(row.getString(1), row.getString(2), row.getString(3),
                                                           row.getString(4), row.getString(5), row.getBoolean(6),
                                                           JsonColumns.read(row.getString(7), HANDLERS)))
                   .optional();
    }

    void describeLocalProcessors() {
        processors.all().stream().map(processor -> HandlerInspection.of(processor, node)).forEach(this::save);
    }

    private void save(ProcessorAnatomy anatomy) {
        jdbc.sql("INSERT INTO " + table + " (processor, side, token_store, token_schema, saga_type, supports_reset,"
                 + " handlers, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, now())"
                 + " ON CONFLICT (processor) DO UPDATE SET side = excluded.side, token_store = excluded.token_store,"
                 + " token_schema = excluded.token_schema, saga_type = excluded.saga_type,"
                 + " supports_reset = excluded.supports_reset, handlers = excluded.handlers,"
                 + " reported_by = excluded.reported_by, reported_at = now()")
            .params(anatomy.processor(), anatomy.side(), anatomy.tokenStore(), anatomy.tokenSchema(),
                    anatomy.sagaType(), anatomy.supportsReset(), JsonColumns.write(anatomy.handlers()),
                    node.nodeId())
            .update();
    }

    /** Once Axon has configured the processors; a failure leaves the previous description in place. */
    @Override
    public void start() {
        try {
            describeLocalProcessors();
        } catch (RuntimeException e) {
            log.warn("Could not describe this node's processors for replay plans: {}", e.toString());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** With the other operations lifecycles, once Axon has started the processors. */
    @Override
    public int getPhase() {
        return Phase.INBOUND_EVENT_CONNECTORS + 100;
    }
}
