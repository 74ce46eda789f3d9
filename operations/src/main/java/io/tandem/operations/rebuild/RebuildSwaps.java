package io.tandem.operations.rebuild;

import io.tandem.api.operations.OperatorActionOutcome;
import io.tandem.operations.OperationsTables;
import org.axonframework.common.DateTimeUtils;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.tandem.operations.rebuild.ShadowTables.quote;

/**
 * The rebuild steps that change what serves: the switch and the rollback swap the tables, the live processor's
 * tokens and the dead letters of the two versions in one transaction, with the live processor paused and the shadow
 * stopped on every node; the drop deletes the version not in use. A swap that waits too long for readers' locks is
 * tried again at the next tick; any other failure fails the rebuild, which changes nothing.
 */
class RebuildSwaps {

    private static final String LOCK_TIMEOUT = "5s";

    private final RebuildPlans plans;
    private final RebuildCluster cluster;
    private final ShadowTables tables;
    private final LiveControl live;
    private final RebuildSamples samples;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String savedTokens;

    RebuildSwaps(RebuildPlans plans, RebuildCluster cluster, ShadowTables tables, LiveControl live,
                 RebuildSamples samples, JdbcClient jdbc, TransactionTemplate transactions,
                 OperationsTables operationsTables) {
        this.plans = plans;
        this.cluster = cluster;
        this.tables = tables;
        this.live = live;
        this.samples = samples;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.savedTokens = operationsTables.table("ops_rebuild_token");
    }

    /** The new version's tables, tokens and dead letters become the live ones; the previous ones are kept. */
    boolean switchIn(RebuildRecord plan) {
        if (!quiet(plan)) {
            return false;
        }
        boolean switched = swap(plan, () -> {
            tables.swap(plan, LOCK_TIMEOUT);
            String tokens = tokenTable(plan);
            jdbc.sql("DELETE FROM " + savedTokens + " WHERE rebuild_id = ?").param(plan.rebuildId()).update();
            jdbc.sql("INSERT INTO " + savedTokens + " (rebuild_id, segment, token, tokentype) SELECT ?, segment,"
                     + " token, tokentype FROM " + tokens + " WHERE processorname = ?")
                .params(plan.rebuildId(), plan.projection()).update();
            jdbc.sql("DELETE FROM " + tokens + " WHERE processorname = ?").param(plan.projection()).update();
            jdbc.sql("UPDATE " + tokens + " SET processorname = ?, owner = NULL WHERE processorname = ?")
                .params(plan.projection(), plan.shadowProcessor()).update();
            swapDeadLetters(plan);
        }, RebuildState.SWITCHED, "switched_at");
        if (switched) {
            samples.forget(plan.rebuildId());
            live.finish(plan.switchActionId(), OperatorActionOutcome.SUCCEEDED,
                        "the rebuilt version of " + plan.projection() + " serves; the previous one is kept");
        }
        return switched;
    }

    /** The previous version serves again and resumes from the tokens it had at the switch. */
    boolean rollBack(RebuildRecord plan) {
        if (!quiet(plan)) {
            return false;
        }
        boolean rolledBack = swap(plan, () -> {
            tables.swap(plan, LOCK_TIMEOUT);
            String tokens = tokenTable(plan);
            jdbc.sql("DELETE FROM " + tokens + " WHERE processorname = ?").param(plan.projection()).update();
            jdbc.sql("INSERT INTO " + tokens + " (processorname, segment, token, tokentype, timestamp, owner)"
                     + " SELECT ?, segment, token, tokentype, ?, NULL FROM " + savedTokens + " WHERE rebuild_id = ?")
                .params(plan.projection(), DateTimeUtils.formatInstant(Instant.now()), plan.rebuildId()).update();
            swapDeadLetters(plan);
        }, RebuildState.ROLLED_BACK, "rolled_back_at");
        if (rolledBack) {
            live.finish(plan.rollbackActionId(), OperatorActionOutcome.SUCCEEDED,
                        "the previous version of " + plan.projection() + " serves again; the rebuilt one is kept");
        }
        return rolledBack;
    }

    /** Deletes the version not in use: its schema, its tokens and its dead letters. */
    boolean drop(RebuildRecord plan, RebuildState to, String nodeSchema) {
        if (plan.livePaused()) {
            return plans.transition(plan, plan.state(), live.resume(plan, "dropping the rebuild"));
        }
        String schema = plan.liveSchema() == null ? nodeSchema : plan.liveSchema();
        String claimed = cluster.claimed(schema, plan.shadowProcessor());
        if (!claimed.isEmpty()) {
            plans.waiting(plan.rebuildId(), "waiting for the shadow to stop: " + claimed);
            return false;
        }
        Boolean dropped = transactions.execute(tx -> {
            RebuildRecord locked = plans.lock(plan.rebuildId()).orElse(null);
            if (locked == null || locked.state() != plan.state()) {
                return false;
            }
            jdbc.sql("DELETE FROM " + quote(schema) + ".tokenentry WHERE processorname = ?")
                .param(plan.shadowProcessor()).update();
            jdbc.sql("DELETE FROM " + quote(schema) + ".deadletterentry WHERE processinggroup = ?")
                .param(plan.shadowProcessor()).update();
            jdbc.sql("DELETE FROM " + savedTokens + " WHERE rebuild_id = ?").param(plan.rebuildId()).update();
            tables.drop(plan);
            return plans.transition(locked, to, Map.of());
        });
        if (Boolean.TRUE.equals(dropped)) {
            samples.forget(plan.rebuildId());
            if (plan.verification() == null) {
                live.finish(plan.actionId(), OperatorActionOutcome.FAILED, "dropped before it was verified");
            }
            live.finish(plan.dropActionId(), OperatorActionOutcome.SUCCEEDED,
                        "dropped " + String.join(", ", plan.tables()) + " of schema " + plan.shadowSchema());
        }
        return Boolean.TRUE.equals(dropped);
    }

    /** Whether the live processor is paused on every node and the shadow stopped everywhere; pauses it if not. */
    private boolean quiet(RebuildRecord plan) {
        if (!plan.livePaused()) {
            plans.transition(plan, plan.state(), live.pause(plan, "pausing to swap the tables"));
            return false; // the nodes apply the pause at their next poll
        }
        List<String> pending = cluster.notYetApplied(plan.projection(), plan.pauseVersion(), "PAUSED");
        String claimed = String.join("; ", Stream.of(
                cluster.claimed(plan.liveSchema(), plan.projection()),
                cluster.claimed(plan.liveSchema(), plan.shadowProcessor())).filter(s -> !s.isEmpty()).toList());
        if (!pending.isEmpty() || !claimed.isEmpty()) {
            plans.waiting(plan.rebuildId(), pending.isEmpty() ? "waiting for claims to be released: " + claimed
                    : "waiting for " + String.join(", ", pending) + " to pause " + plan.projection());
            return false;
        }
        return true;
    }

    private boolean swap(RebuildRecord plan, Runnable work, RebuildState to, String timeColumn) {
        try {
            Boolean moved = transactions.execute(tx -> {
                RebuildRecord locked = plans.lock(plan.rebuildId()).orElse(null);
                if (locked == null || locked.state() != plan.state()) {
                    return false;
                }
                work.run();
                Map<String, Object> columns = new HashMap<>(live.resume(locked, "tables swapped"));
                columns.put(timeColumn, Instant.now());
                return plans.transition(locked, to, columns);
            });
            return Boolean.TRUE.equals(moved);
        } catch (PessimisticLockingFailureException e) {
            plans.waiting(plan.rebuildId(), "readers held the tables longer than " + LOCK_TIMEOUT + "; trying again");
            return false;
        } catch (RuntimeException e) {
            return live.fail(plan, "the swap failed and changed nothing: " + e.getMessage());
        }
    }

    /** The two versions' dead letters trade names, through a third name: the unique key holds at every row. */
    private void swapDeadLetters(RebuildRecord plan) {
        String letters = quote(plan.liveSchema()) + ".deadletterentry";
        String parked = plan.shadowProcessor() + "~swap";
        String rename = "UPDATE " + letters + " SET processinggroup = ? WHERE processinggroup = ?";
        jdbc.sql(rename).params(parked, plan.projection()).update();
        jdbc.sql(rename).params(plan.projection(), plan.shadowProcessor()).update();
        jdbc.sql(rename).params(plan.shadowProcessor(), parked).update();
    }

    private static String tokenTable(RebuildRecord plan) {
        return quote(plan.liveSchema()) + ".tokenentry";
    }
}
