package io.tandem.operations.replay;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.operations.events.EventCounts;
import io.tandem.operations.events.EventPositions.StoredPosition;
import io.tandem.operations.events.EventPositions;
import io.tandem.operations.processor.TokenTable;
import io.tandem.operations.replay.ProcessorAnatomy.HandlerAnatomy;
import io.tandem.operations.replay.ReplayPlan.SideEffectHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a replay from what is stored: the processor's anatomy, the event range and its counts by type, the dead
 * letters, the speed measured before. Refuses what is never replayed (sagas, per-node processors, processors whose
 * handlers all disallow replay) with a 409 that says why.
 */
class ReplayPlanner {

    private final EventStore eventStore;
    private final EventPositions positions;
    private final EventCounts counts;
    private final PayloadTypes payloadTypes;
    private final ReplayDeadLetters deadLetters;
    private final ReplayPlans plans;
    private final ReplayEstimates estimates;
    private final TokenTable tokens;

    ReplayPlanner(EventStore eventStore, EventPositions positions, EventCounts counts, PayloadTypes payloadTypes,
                  ReplayDeadLetters deadLetters, ReplayPlans plans, ReplayEstimates estimates, TokenTable tokens) {
        this.eventStore = eventStore;
        this.positions = positions;
        this.counts = counts;
        this.payloadTypes = payloadTypes;
        this.deadLetters = deadLetters;
        this.plans = plans;
        this.estimates = estimates;
        this.tokens = tokens;
    }

    /** Refuses a processor that is never replayed; a 409 with the reason. */
    static void requireReplayable(ProcessorAnatomy anatomy) {
        if (anatomy.sagaType() != null) {
            throw new RejectedException(Rejection.conflict("saga_not_replayable", anatomy.processor()
                    + " runs the saga " + simpleName(anatomy.sagaType()) + ". Sagas are never replayed: a saga acts "
                    + "on what happens (payments, refunds, deadlines) and would act on it again."));
        }
        if (anatomy.perNode()) {
            throw new RejectedException(Rejection.conflict("replay_not_supported", anatomy.processor()
                    + " runs on every node from the head with its tokens in memory; it has nothing to replay."));
        }
        if (!anatomy.supportsReset()) {
            throw new RejectedException(Rejection.conflict("replay_not_supported", "Every handler of "
                    + anatomy.processor() + " disallows replay, so Axon cannot reset it."));
        }
    }

    /** The range a replay from here covers now: (start, head]; a position past the head is a 400. */
    Range range(ReplayFrom from) {
        long head = positions.head().map(StoredPosition::position).orElse(positions.beforeFirst());
        if (from.kind() == ReplayFrom.Kind.POSITION && Long.parseLong(from.value()) > head + 1) {
            throw new RejectedException(Rejection.invalid("invalid_from", "Position " + from.value()
                    + " is after the newest event (" + head + ")."));
        }
        long start = Math.min(from.startPosition(eventStore, positions), head);
        return new Range(start, head);
    }

    record Range(long start, long head) {
    }

    ReplayPlan plan(ProcessorAnatomy anatomy, ReplayFrom from) {
        requireReplayable(anatomy);
        Range range = range(from);
        List<String> handled = anatomy.handlers().stream().flatMap(h -> h.handles().stream()).distinct().toList();
        Map<String, Long> byType = new LinkedHashMap<>();
        long handledEvents = 0;
        for (Map.Entry<String, Long> count : counts.byPayloadType(range.start(), range.head()).entrySet()) {
            if (payloadTypes.handledBy(count.getKey(), handled)) {
                byType.put(simpleName(count.getKey()), count.getValue());
                handledEvents += count.getValue();
            }
        }
        long eventsInRange = range.head() - range.start();
        ReplayEstimates.Estimate estimate = estimates.estimate(anatomy.processor(), eventsInRange);
        List<String> skipped = new ArrayList<>();
        List<SideEffectHandler> sideEffects = new ArrayList<>();
        List<String> resets = new ArrayList<>();
        for (HandlerAnatomy handler : anatomy.handlers()) {
            handler.skippedOnReplay().forEach(s -> skipped.add(simpleName(handler.type()) + "." + s));
            if (handler.sideEffect() != null) {
                sideEffects.add(new SideEffectHandler(simpleName(handler.type()), handler.sideEffect()));
            }
            if (handler.resetHandler()) {
                resets.add(simpleName(handler.type()));
            }
        }
        String active = plans.activeFor(anatomy.processor()).map(ReplayRecord::replayId).orElse(null);
        List<String> blockers = new ArrayList<>();
        if (active != null) {
            blockers.add("replay " + active + " of this processor is under way");
        }
        if (!sideEffects.isEmpty()) {
            blockers.add("handlers with side effects (they skip replayed events): confirm with force");
        }
        return new ReplayPlan(anatomy.processor(), anatomy.side(), from.describe(), range.start(), range.head(),
                              eventsInRange, handledEvents, byType, estimate.seconds(), estimate.basis(),
                              tokens.of(anatomy.tokenSchema(), anatomy.processor()).size(), skipped, sideEffects,
                              resets, deadLetters.count(anatomy.tokenSchema(), anatomy.processor(), range.start()),
                              active, !sideEffects.isEmpty(), blockers);
    }

    static String simpleName(String className) {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }
}
