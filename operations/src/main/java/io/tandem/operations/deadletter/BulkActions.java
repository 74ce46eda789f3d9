package io.tandem.operations.deadletter;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.api.operations.OperatorActionOutcome;
import io.tandem.operations.deadletter.DeadLetterViews.ActionResult;
import io.tandem.operations.deadletter.DeadLetterViews.BulkResult;
import io.tandem.operations.log.OperatorLog;
import io.tandem.operations.log.OperatorLog.Action;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Retries and evictions by filter. Both take the matching sequences oldest first, at most {@code max} of them: a dry
 * run counts exactly what the real run then takes. Retries are paced at {@code rate_per_second} at most (a node
 * that does not run the group gets them due at the same pace); the whole run must fit in {@link #LONGEST}.
 */
class BulkActions {

    static final int MAX_SEQUENCES = 500;
    static final double MAX_RATE = 50;
    static final Duration LONGEST = Duration.ofMinutes(5);

    private final DeadLetterReader reader;
    private final DeadLetterActions actions;
    private final OperatorLog log;

    BulkActions(DeadLetterReader reader, DeadLetterActions actions, OperatorLog log) {
        this.reader = reader;
        this.actions = actions;
        this.log = log;
    }

    BulkResult retry(DeadLetterFilter filter, int max, double rate, boolean dryRun, String reason) {
        requireLimits(max, rate);
        List<ParkedSequence> selected = reader.oldest(filter, max);
        long matched = reader.count(filter);
        double estimate = selected.isEmpty() ? 0 : (selected.size() - 1) / rate;
        if (dryRun) {
            return new BulkResult(true, matched, selected.size(), max, rate, estimate, List.of());
        }
        String actionId = log.begin(new Action(OperatorLog.RETRY, filter.processor(), parameters(filter, max, rate),
                                               reason));
        List<ActionResult> results = new ArrayList<>();
        long intervalNanos = (long) (1_000_000_000L / rate);
        Instant startedAt = Instant.now();
        try {
            long lastStart = System.nanoTime() - intervalNanos;
            for (int i = 0; i < selected.size(); i++) {
                // every retry starts at least an interval after the one before, however long that one took
                waitUntil(lastStart + intervalNanos);
                lastStart = System.nanoTime();
                results.add(retryQuietly(selected.get(i), startedAt.plusNanos(i * intervalNanos)));
            }
        } catch (RuntimeException e) {
            log.finish(actionId, OperatorActionOutcome.FAILED, summary(matched, results) + "; then " + e);
            throw e;
        }
        log.finish(actionId, OperatorActionOutcome.SUCCEEDED, summary(matched, results));
        return new BulkResult(false, matched, selected.size(), max, rate, estimate, results);
    }

    BulkResult evict(DeadLetterFilter filter, int max, boolean dryRun, String reason) {
        requireLimits(max, MAX_RATE);
        List<ParkedSequence> selected = reader.oldest(filter, max);
        long matched = reader.count(filter);
        if (dryRun) {
            return new BulkResult(true, matched, selected.size(), max, null, null, List.of());
        }
        return log.run(new Action(OperatorLog.EVICT, filter.processor(), parameters(filter, max, null), reason),
                       () -> new BulkResult(false, matched, selected.size(), max, null, null,
                                            selected.stream().map(this::evictQuietly).toList()),
                       result -> summary(matched, result.results()));
    }

    /** A sequence another node is retrying right now is reported as busy, and the run goes on. */
    private ActionResult retryQuietly(ParkedSequence parked, Instant dueAt) {
        try {
            return actions.retry(parked, dueAt);
        } catch (RejectedException e) {
            return new ActionResult(parked.processor(), parked.sequence(), "busy", parked.letters(), null,
                                    Instant.now());
        }
    }

    private ActionResult evictQuietly(ParkedSequence parked) {
        try {
            return actions.evictSequence(parked);
        } catch (RejectedException e) {
            return new ActionResult(parked.processor(), parked.sequence(), "busy", parked.letters(), null,
                                    Instant.now());
        }
    }

    private static void requireLimits(int max, double rate) {
        if (max < 1 || max > MAX_SEQUENCES) {
            throw new RejectedException(Rejection.invalid("invalid_max", "max must be 1 to " + MAX_SEQUENCES + "."));
        }
        if (!(rate > 0 && rate <= MAX_RATE)) {
            throw new RejectedException(Rejection.invalid("invalid_rate", "rate_per_second must be above 0 and at "
                                                                          + "most " + (int) MAX_RATE + "."));
        }
        if ((max - 1) / rate > LONGEST.toSeconds()) {
            throw new RejectedException(Rejection.invalid("bulk_too_slow", max + " sequences at " + rate
                    + " per second would take longer than " + LONGEST.toMinutes() + " minutes; lower max or "
                    + "raise the rate."));
        }
    }

    private static void waitUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing retries", e);
            }
        }
    }

    private static Map<String, String> parameters(DeadLetterFilter filter, int max, Double rate) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("bulk", "true");
        parameters.put("max", String.valueOf(max));
        if (rate != null) {
            parameters.put("rate_per_second", String.valueOf(rate));
        }
        put(parameters, "event_type", filter.eventType());
        put(parameters, "exception_type", filter.exceptionType());
        put(parameters, "fingerprint", filter.fingerprint());
        put(parameters, "from", filter.from());
        put(parameters, "to", filter.to());
        put(parameters, "aggregate_id", filter.aggregateId());
        return parameters;
    }

    private static void put(Map<String, String> parameters, String name, Object value) {
        if (value != null) {
            parameters.put(name, value.toString());
        }
    }

    private static String summary(long matched, List<ActionResult> results) {
        return results.size() + " of " + matched + " matching sequences: " + results.stream()
                .collect(Collectors.groupingBy(ActionResult::outcome, TreeMap::new,
                                               Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
