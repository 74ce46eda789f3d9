// An aggregate's history with who, from where and why; selecting an event shows the state after it and what it
// changed; blame follows one field back to the event that set it and what caused that event.

import {h} from '../dom.js';
import {exportButtons, form, json, problem, time, who} from './common.js';

export function mount(area, {api, dialogs, open, params}) {
    const result = h('div', {id: 'history-result'});
    const detail = h('div', {class: 'version', id: 'history-version'});
    let aggregateId = null;
    let events = [];

    area.append(form('history-form', [{name: 'id', label: 'Aggregate id', placeholder: 'TD2X9…',
                                       value: params.id}], 'Show history', values => load(values.id)),
                result, detail);

    async function load(id, from = 0) {
        if (!id) {
            return;
        }
        try {
            const page = await api.get(`/api/admin/audit/aggregates/${encodeURIComponent(id)}/events`
                                       + `?from_sequence=${from}`);
            aggregateId = id;
            events = from === 0 ? page.events : events.concat(page.events);
            render(page);
        } catch (error) {
            problem(result, error);
        }
    }

    function row(event) {
        const trace = event.metadata.correlation_id;
        return h('tr', {'data-sequence': event.sequence_number, class: 'selectable',
                        onclick: () => select(event.sequence_number)},
            h('td', {class: 'num'}, event.sequence_number),
            h('td', {class: 'num'}, event.global_position ?? '–'),
            h('td', {}, time(event.timestamp)),
            h('td', {'data-field': 'type'}, event.event_type),
            h('td', {'data-field': 'who'}, who(event.metadata)),
            h('td', {}, trace ? h('button', {type: 'button', class: 'link', 'data-trace': trace,
                                             onclick: click => {
                                                 click.stopPropagation();
                                                 open('trace', {id: trace});
                                             }}, 'trace') : ''));
    }

    function render(page) {
        detail.replaceChildren();
        const path = `/api/admin/audit/aggregates/${encodeURIComponent(aggregateId)}/events/export`;
        const more = page.next_sequence !== null && page.next_sequence !== undefined;
        result.replaceChildren(...[
            h('p', {class: 'summary'}, h('strong', {}, page.aggregate_type), ` ${aggregateId} · ${events.length} `
              + 'events shown · ', exportButtons(api, dialogs, path, `history-${aggregateId}`)),
            h('table', {class: 'board', id: 'history-events'},
                h('thead', {}, h('tr', {}, ['Seq', 'Position', 'Stored', 'Event', 'Who', ''].map(t => h('th', {}, t)))),
                h('tbody', {}, events.map(row))),
            more ? h('button', {type: 'button', class: 'secondary', id: 'history-more',
                                onclick: () => load(aggregateId, page.next_sequence)}, 'More') : null,
            form('blame-form', [{name: 'field', label: 'Blame field', placeholder: 'status'}], 'Blame',
                 values => blame(values.field))].filter(Boolean));
    }

    async function select(sequence) {
        result.querySelectorAll('tr.selected').forEach(tr => tr.classList.remove('selected'));
        result.querySelector(`tr[data-sequence="${sequence}"]`)?.classList.add('selected');
        const base = `/api/admin/audit/aggregates/${encodeURIComponent(aggregateId)}`;
        try {
            const [state, diff] = await Promise.all([api.get(`${base}/state?seq=${sequence}`),
                                                     api.get(`${base}/diff?to=${sequence}`)]);
            const event = events.find(e => e.sequence_number === sequence);
            detail.replaceChildren(
                h('h2', {}, `After #${sequence} ${event?.event_type ?? ''}`),
                h('p', {class: 'hint'}, `rebuilt with ${state.rebuilt_with} · stored ${time(state.timestamp)}`),
                h('div', {class: 'columns'},
                    h('div', {}, h('h3', {}, 'State'), json(state.state, 'history-state')),
                    h('div', {}, h('h3', {}, 'Changed by this event'), changes(diff.changes),
                      h('h3', {}, 'Event'), json({payload: event?.payload, metadata: event?.metadata}))));
        } catch (error) {
            problem(detail, error);
        }
    }

    function changes(list) {
        if (!list.length) {
            return h('p', {class: 'hint'}, 'No field changed.');
        }
        return h('table', {class: 'segment-table', id: 'history-diff'},
            h('thead', {}, h('tr', {}, h('th', {}, 'Field'), h('th', {}, 'Before'), h('th', {}, 'After'))),
            h('tbody', {}, list.map(change => h('tr', {'data-path': change.path},
                h('td', {}, change.path), h('td', {}, JSON.stringify(change.from)),
                h('td', {}, JSON.stringify(change.to))))));
    }

    async function blame(field) {
        try {
            const found = await api.get(`/api/admin/audit/aggregates/${encodeURIComponent(aggregateId)}`
                                        + `/blame?field=${encodeURIComponent(field)}`);
            const cause = found.cause;
            const why = cause.kind === 'event' ? `${cause.command} sent on ${cause.name}`
                        + (cause.event ? ` (#${cause.event.sequence_number} of ${cause.event.aggregate_type})` : '')
                : cause.kind === 'deadline' ? `${cause.command} sent when deadline ${cause.name} fired`
                : cause.kind === 'request' ? `${cause.command} from a request` : 'unknown';
            detail.replaceChildren(h('div', {class: 'blame', id: 'blame-result'},
                h('h2', {}, `${field} = ${JSON.stringify(found.value)}`),
                h('p', {}, `set by #${found.set_by.sequence_number} ${found.set_by.event_type} at `
                           + `${time(found.set_by.timestamp)} · ${who(found.set_by.metadata)}`),
                h('p', {'data-field': 'cause'}, `because: ${why}`)));
        } catch (error) {
            problem(detail, error);
        }
    }

    if (params.id) {
        load(params.id);
    }
    return () => {};
}
