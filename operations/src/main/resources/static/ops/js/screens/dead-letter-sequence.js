// One parked sequence: the letter that failed with its cause, retries and next retry, every letter behind it with its
// event, and the actions: retry the sequence (operators too), evict it or one letter (administrators).

import {h} from '../dom.js';
import {json, time} from '../audit/common.js';

function facts(sequence) {
    return h('dl', {class: 'facts'},
        h('dt', {}, 'Processor'), h('dd', {}, sequence.processor),
        h('dt', {}, 'Aggregate'), h('dd', {}, `${sequence.aggregate_type || ''} ${sequence.aggregate_id || '–'}`,
                                    sequence.aggregate_sequence !== undefined ? ` (#${sequence.aggregate_sequence})`
                                                                              : ''),
        h('dt', {}, 'Cause'), h('dd', {id: 'dl-detail-cause'}, h('strong', {}, sequence.cause_type),
                                h('span', {class: 'meta'},
                                  sequence.cause_message)),
        h('dt', {}, 'Top frame'), h('dd', {class: 'mono'}, sequence.top_frame || '–'),
        h('dt', {}, 'Fingerprint'), h('dd', {class: 'mono'}, sequence.fingerprint),
        h('dt', {}, 'Parked'), h('dd', {}, time(sequence.enqueued_at)),
        h('dt', {}, 'Last touched'), h('dd', {}, time(sequence.last_touched)),
        h('dt', {}, 'Retries'), h('dd', {id: 'dl-detail-retries'}, sequence.retries ?? 0),
        h('dt', {}, 'State'), h('dd', {id: 'dl-detail-state'}, sequence.state,
                                sequence.next_retry_at ? ` · next retry ${time(sequence.next_retry_at)}`
                                                       : ' · waits for an operator'),
        ...lastError(sequence));
}

/** The last retry's error, unless it only repeats the cause. */
function lastError(sequence) {
    if (!sequence.last_error || sequence.last_error.endsWith(sequence.cause_message || '')) {
        return [];
    }
    return [h('dt', {}, 'Last error'), h('dd', {class: 'error clamp', title: sequence.last_error}, sequence.last_error)];
}

function letterRow(letter, evict) {
    return h('tr', {'data-letter': letter.letter_id, 'data-index': letter.index},
        h('td', {class: 'num'}, letter.index),
        h('td', {'data-field': 'event-type'}, letter.event_type,
          h('span', {class: 'meta'}, letter.aggregate_sequence !== undefined ? `#${letter.aggregate_sequence}` : '')),
        h('td', {}, letter.cause_type ? [h('strong', {}, letter.cause_type.split('.').pop()),
                                         h('span', {class: 'reason', title: letter.cause_message}, letter.cause_message)] : 'waits behind it'),
        h('td', {}, time(letter.enqueued_at)),
        h('td', {class: 'num'}, letter.retries ?? 0),
        h('td', {}, letter.state),
        h('td', {}, letter.payload === undefined ? '–'
                    : [json(letter.payload), letter.payload_masked ? h('span', {class: 'meta'},
                                                                       'personal data masked') : null]),
        h('td', {}, evict ? h('button', {type: 'button', class: 'secondary', 'data-action': 'evict-letter',
                                         onclick: () => evict(letter)}, 'Evict') : null));
}

/**
 * Shows the sequence in the element with its actions; onChange() runs after an action so the list follows.
 */
export function showSequence(element, {api, session, dialogs}, processor, sequenceId, onChange) {
    const base = `/api/admin/dead-letters/${encodeURIComponent(processor)}`;
    const outcome = h('p', {id: 'dl-outcome', role: 'status'});

    async function act(path, title, detail, confirm) {
        const reason = await dialogs.askReason({title, detail, confirm});
        if (!reason) {
            return;
        }
        delete outcome.dataset.outcome;
        let shown = 'error';
        try {
            const result = await api.post(`${base}/${path}`, {reason});
            shown = result.outcome;
            outcome.className = result.outcome === 'failed' ? 'error' : 'ok';
            outcome.textContent = {
                succeeded: `Retried: succeeded, ${result.letters} letter${result.letters === 1 ? '' : 's'} handled.`,
                failed: `Retried: failed again. ${result.last_error || ''}`,
                scheduled: 'Retry scheduled: a node running the processor retries it within its retry poll.',
                evicted: `Evicted ${result.letters} letter${result.letters === 1 ? '' : 's'}.`,
            }[result.outcome] || result.outcome;
            dialogs.notify(`${processor} ${sequenceId}: ${result.outcome}.`, result.outcome === 'failed' ? 'error'
                                                                                                       : 'info');
        } catch (error) {
            outcome.className = 'error';
            outcome.textContent = error.message;
        }
        onChange();
        await render(true);
        outcome.dataset.outcome = shown;
    }

    const retry = () => act(`sequences/${encodeURIComponent(sequenceId)}/retry`, `Retry ${sequenceId}`,
                            'Its letters are handled again now, in order, on a node running the processor.',
                            'Retry now');
    const evictSequence = () => act(`sequences/${encodeURIComponent(sequenceId)}/evict`,
                                    `Evict the sequence ${sequenceId}`,
                                    'Every letter of it is removed: its events are never handled.', 'Evict');
    const evictLetter = letter => act(`letters/${encodeURIComponent(letter.letter_id)}/evict`,
                                      `Evict letter ${letter.index} (${letter.event_type})`,
                                      'This event is never handled; the next letter is retried in its place.',
                                      'Evict');

    async function render(afterAction) {
        let detail;
        try {
            detail = await api.get(`${base}/sequences/${encodeURIComponent(sequenceId)}`);
        } catch (error) {
            element.replaceChildren(h('h2', {}, `${processor} · ${sequenceId}`), outcome,
                                    error.status === 404 && afterAction ? h('p', {class: 'hint'},
                                        'The sequence is no longer parked.') : h('p', {class: 'error'}, error.message));
            element.dataset.state = 'gone';
            return;
        }
        const sequence = detail.sequence;
        const audit = session.may('audit') && sequence.aggregate_id
            ? h('a', {href: `#/audit?id=${encodeURIComponent(sequence.aggregate_id)}`, id: 'dl-aggregate-link'},
                'Aggregate history')
            : null;
        element.dataset.state = sequence.state;
        element.replaceChildren(...[
            h('header', {class: 'screen-header'}, h('h2', {}, `${processor} · ${sequenceId}`),
              h('span', {class: `badge ${sequence.state}`}, sequence.state), audit),
            facts(sequence),
            h('div', {class: 'toolbar'},
              session.may('operate') ? h('button', {type: 'button', id: 'dl-retry', onclick: retry}, 'Retry') : null,
              session.may('act') ? h('button', {type: 'button', class: 'secondary', id: 'dl-evict',
                                                onclick: evictSequence}, 'Evict sequence') : null),
            afterAction ? outcome : null,
            h('h3', {}, `${detail.letters.length} letter${detail.letters.length === 1 ? '' : 's'}`),
            h('table', {class: 'board', id: 'dl-letters'},
              h('thead', {}, h('tr', {}, ['#', 'Event', 'Cause', 'Parked', 'Retries', 'State', 'Event payload', '']
                  .map(title => h('th', {}, title)))),
              h('tbody', {}, detail.letters.map(letter => letterRow(letter,
                                                                     session.may('act') ? evictLetter : null))))]
            .filter(Boolean));
    }

    element.hidden = false;
    render(false).then(() => element.scrollIntoView({block: 'start'}));
}
