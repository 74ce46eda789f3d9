// The event search over the event index, newest first, with its live tail: new matching events arrive over SSE
// and a reconnection resumes after the last one seen (Last-Event-ID).

import {h} from '../dom.js';
import {exportButtons, form, instant, problem, query, time} from './common.js';

const FIELDS = [
    {name: 'type', label: 'Event type', placeholder: 'BookingPlacedEvent'},
    {name: 'aggregate_type', label: 'Aggregate type', placeholder: 'Booking'},
    {name: 'aggregate_id', label: 'Aggregate id'},
    {name: 'user_id', label: 'User id'},
    {name: 'correlation_id', label: 'Correlation id'},
    {name: 'from', label: 'From', type: 'datetime-local'},
    {name: 'to', label: 'To', type: 'datetime-local'},
];

export function mount(area, {api, dialogs, open}) {
    const state = h('span', {class: 'live', id: 'tail-state'}, '');
    const tailButton = h('button', {type: 'button', class: 'secondary', id: 'tail-toggle', onclick: () => toggle()},
                         'Live tail');
    const body = h('tbody', {id: 'search-rows'});
    const more = h('div', {});
    const result = h('div', {id: 'search-result'});
    let search = '';
    let closeTail = null;
    let newest = null;

    area.append(form('search-form', FIELDS, 'Search', values => run({...values, from: instant(values.from),
                                                                       to: instant(values.to)})),
                result);

    function row(event, fresh) {
        return h('tr', {'data-position': event.global_position, class: fresh ? 'fresh' : null},
            h('td', {class: 'num'}, event.global_position),
            h('td', {}, time(event.occurred_at)),
            h('td', {'data-field': 'type'}, event.event_type),
            h('td', {}, event.aggregate_type ? h('button', {type: 'button', class: 'link',
                                                            onclick: () => open('history', {id: event.aggregate_id})},
                                                 `${event.aggregate_type} ${event.aggregate_id}`) : '–'),
            h('td', {}, event.user_id || '–'),
            h('td', {}, event.correlation_id ? h('button', {type: 'button', class: 'link',
                                                            onclick: () => open('trace', {id: event.correlation_id})},
                                                 'trace') : ''));
    }

    async function run(values) {
        closeTail?.();
        closeTail = null;
        search = query(values);
        body.replaceChildren();
        result.replaceChildren(
            h('p', {class: 'summary'}, tailButton, state, ' ',
              exportButtons(api, dialogs, `/api/admin/audit/events/export?${search}`, 'events')),
            h('table', {class: 'board', id: 'search-results'},
                h('thead', {}, h('tr', {}, ['Position', 'Stored', 'Event', 'Aggregate', 'User', '']
                    .map(title => h('th', {}, title)))),
                body),
            more);
        tailButton.textContent = 'Live tail';
        state.textContent = '';
        newest = null;
        await page(null);
    }

    async function page(cursor) {
        try {
            const found = await api.get(`/api/admin/audit/events?${search}${cursor ? `&cursor=${cursor}` : ''}`);
            if (newest === null && found.items.length) {
                newest = found.items[0].global_position;
            }
            body.append(...found.items.map(event => row(event, false)));
            more.replaceChildren(found.next_cursor ? h('button', {type: 'button', class: 'secondary',
                                                                   id: 'search-older',
                                                                   onclick: () => page(found.next_cursor)}, 'Older')
                                                   : h('p', {class: 'hint'}, 'No older events.'));
        } catch (error) {
            problem(more, error);
        }
    }

    function toggle() {
        if (closeTail) {
            closeTail();
            closeTail = null;
            tailButton.textContent = 'Live tail';
            state.textContent = '';
            state.className = 'live';
            return;
        }
        tailButton.textContent = 'Stop tail';
        closeTail = api.stream(`/api/admin/audit/events/stream?${search}`, (name, event) => {
            if (name === 'audit-event') {
                body.prepend(row(event, true));
            }
        }, link => {
            state.textContent = link === 'open' ? 'live' : link === 'reconnecting' ? 'reconnecting…' : link.message;
            state.className = `live ${link === 'open' ? 'on' : 'off'}`;
        }, {lastEventId: newest === null ? null : String(newest)});
    }

    return () => closeTail?.();
}
