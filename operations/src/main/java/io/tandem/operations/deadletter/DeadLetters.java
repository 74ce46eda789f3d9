package io.tandem.operations.deadletter;

import io.tandem.api.RejectedException;
import io.tandem.api.operations.OperatorActionOutcome;
import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import io.tandem.operations.deadletter.DeadLetterReader.StoredLetter;
import io.tandem.operations.deadletter.DeadLetterViews.ActionResult;
import io.tandem.operations.deadletter.DeadLetterViews.LetterView;
import io.tandem.operations.deadletter.DeadLetterViews.Page;
import io.tandem.operations.deadletter.DeadLetterViews.SequenceDetail;
import io.tandem.operations.deadletter.DeadLetterViews.SequenceView;
import io.tandem.operations.deadletter.EventPayloads.Shown;
import io.tandem.operations.log.OperatorLog;
import io.tandem.operations.log.OperatorLog.Action;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The dead-letter explorer and its single actions as the API offers them: reading masks personal data by role;
 * every action is recorded in the operator log with its reason.
 */
class DeadLetters {

    /** Events larger than this are shown with their sequence, not in lists. */
    private static final int LISTED_PAYLOAD_BYTES = 4096;
    private static final int DETAIL_LETTERS = 100;

    private final DeadLetterReader reader;
    private final DeadLetterActions actions;
    private final EventPayloads payloads;
    private final OperatorLog log;

    DeadLetters(DeadLetterReader reader, DeadLetterActions actions, EventPayloads payloads, OperatorLog log) {
        this.reader = reader;
        this.actions = actions;
        this.payloads = payloads;
        this.log = log;
    }

    Page page(DeadLetterFilter filter, PageRequest page) {
        boolean personalData = EventPayloads.seesPersonalData();
        List<ParkedSequence> rows = reader.page(filter, page);
        boolean more = rows.size() > page.size();
        List<ParkedSequence> shown = more ? rows.subList(0, page.size()) : rows;
        ParkedSequence last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        return new Page(shown.stream().map(row -> view(row, personalData, LISTED_PAYLOAD_BYTES)).toList(),
                        reader.count(filter), page.size(),
                        more ? Cursor.of(last.enqueuedAt(), last.processor(), last.sequence()).encode() : null,
                        reader.groups(filter));
    }

    SequenceDetail sequence(String processor, String sequence) {
        boolean personalData = EventPayloads.seesPersonalData();
        ParkedSequence parked = actions.require(processor, sequence);
        List<LetterView> letters = reader.letters(parked, DETAIL_LETTERS).stream().map(letter -> {
            Shown event = payloads.show(letter.payloadType(), letter.payloadRevision(), letter.payload(),
                                        personalData);
            return new LetterView(letter.letterId(), letter.index(), letter.eventId(),
                                  simpleName(letter.payloadType()), letter.aggregateSequence(), letter.enqueuedAt(),
                                  letter.lastTouched(), letter.causeType(), letter.causeMessage(), letter.retries(),
                                  letter.state(), event.payload(), event.masked());
        }).toList();
        return new SequenceDetail(view(parked, personalData, Integer.MAX_VALUE), letters);
    }

    ActionResult retry(String processor, String sequence, String reason) {
        return logged(new Action(OperatorLog.RETRY, processor, Map.of("sequence", sequence), reason),
                      () -> actions.retry(actions.require(processor, sequence), Instant.now()));
    }

    ActionResult evictSequence(String processor, String sequence, String reason) {
        return log.run(new Action(OperatorLog.EVICT, processor, Map.of("sequence", sequence), reason),
                       () -> actions.evictSequence(actions.require(processor, sequence)), DeadLetters::detail);
    }

    ActionResult evictLetter(String processor, String letterId, String reason) {
        return log.run(new Action(OperatorLog.EVICT, processor, Map.of("letter", letterId), reason),
                       () -> actions.evictLetter(processor, letterId), DeadLetters::detail);
    }

    /** Runs the action and records it: a retry that failed again is logged as failed, the answer says why. */
    private ActionResult logged(Action action, Supplier<ActionResult> work) {
        String actionId = log.begin(action);
        ActionResult result;
        try {
            result = work.get();
        } catch (RejectedException e) {
            log.finish(actionId, OperatorActionOutcome.REFUSED, e.rejection().code() + ": " + e.rejection().detail());
            throw e;
        } catch (RuntimeException e) {
            log.finish(actionId, OperatorActionOutcome.FAILED, e.toString());
            throw e;
        }
        log.finish(actionId, "failed".equals(result.outcome()) ? OperatorActionOutcome.FAILED
                                                               : OperatorActionOutcome.SUCCEEDED, detail(result));
        return result;
    }

    static String detail(ActionResult result) {
        return result.sequence() + ": " + result.outcome() + (result.lastError() == null ? ""
                : " (" + result.lastError() + ")");
    }

    private SequenceView view(ParkedSequence row, boolean personalData, int payloadLimit) {
        StoredLetter first = reader.first(row).orElse(null);
        Shown event = first == null || first.payload().length > payloadLimit ? null
                : payloads.show(first.payloadType(), first.payloadRevision(), first.payload(), personalData);
        return new SequenceView(row.processor(), row.sequence(), row.letters(), row.letterId(), row.eventId(),
                                simpleName(row.payloadType()), row.payloadType(), row.aggregateType(),
                                row.aggregateId(), row.aggregateSequence(),
                                row.aggregateId() == null ? null
                                        : "/api/admin/audit/aggregates/" + row.aggregateId() + "/events",
                                row.causeType(), row.causeMessage(), row.fingerprint(), row.topFrame(),
                                row.enqueuedAt(), row.lastTouched(), row.retries(), row.nextRetryAt(),
                                row.lastError(), row.state(), event == null ? null : event.payload(),
                                event != null && event.masked(), first == null ? null : first.payload().length);
    }

    static String simpleName(String type) {
        return type == null ? null : type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
    }
}
