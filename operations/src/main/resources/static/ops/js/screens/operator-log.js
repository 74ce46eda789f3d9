// The operator log: every action operators took, newest first, filtered by action, target, actor, outcome and
// time; more on demand by cursor; the same filters exported as NDJSON.

import {h} from '../dom.js';

const ACTIONS = ['', 'pause', 'resume', 'replay', 'rebuild', 'switch', 'rollback', 'retry', 'evict',
                 'deadline-change'];
const OUTCOMES = ['', 'pending', 'succeeded', 'refused', 'failed'];

function parameters(entry) {
    return Object.entries(entry.parameters || {}).map(([name, value]) => `${name}=${value}`).join(', ');
}

export function mount(container, {api, dialogs}) {
    const action = h('select', {id: 'log-action'}, ACTIONS.map(a => h('option', {value: a}, a || 'any')));
    const outcome = h('select', {id: 'log-outcome'}, OUTCOMES.map(o => h('option', {value: o}, o || 'any')));
    const target = h('input', {id: 'log-target', placeholder: 'processor, projection…'});
    const actor = h('input', {id: 'log-actor', placeholder: 'user id'});
    const since = h('input', {id: 'log-from', type: 'datetime-local'});
    const until = h('input', {id: 'log-to', type: 'datetime-local'});
    const rows = h('tbody', {id: 'log-rows'});
    const more = h('button', {type: 'button', class: 'secondary', id: 'log-more', hidden: true}, 'More');
    let cursor = null;

    function query(extra = {}) {
        const parameters = new URLSearchParams();
        const add = (name, value) => value && parameters.set(name, value);
        add('action', action.value);
        add('outcome', outcome.value);
        add('target', target.value.trim());
        add('actor', actor.value.trim());
        add('from', since.value && new Date(since.value).toISOString());
        add('to', until.value && new Date(until.value).toISOString());
        Object.entries(extra).forEach(([name, value]) => add(name, value));
        return parameters.toString();
    }

    function row(entry) {
        return h('tr', {'data-action-id': entry.action_id, 'data-outcome': entry.outcome},
            h('td', {}, new Date(entry.started_at).toLocaleString()),
            h('td', {'data-field': 'action'}, entry.action),
            h('td', {'data-field': 'target'}, entry.target),
            h('td', {}, entry.actor_id, h('span', {class: 'meta'}, entry.client_address || '')),
            h('td', {'data-field': 'reason'}, entry.reason, h('span', {class: 'meta'}, parameters(entry))),
            h('td', {'data-field': 'outcome'}, h('span', {class: `badge ${entry.outcome.toLowerCase()}`},
                                                 entry.outcome.toLowerCase()),
              entry.detail ? h('span', {class: 'reason'}, entry.detail) : null),
            h('td', {class: 'num'}, entry.duration_ms === undefined ? '–' : `${entry.duration_ms} ms`));
    }

    async function load(append) {
        try {
            const page = await api.get(`/api/admin/operations?${query(append ? {cursor} : {})}`);
            const shown = page.items.map(row);
            append ? rows.append(...shown) : rows.replaceChildren(...shown);
            cursor = page.next_cursor || null;
            more.hidden = !cursor;
        } catch (error) {
            dialogs.notify(error.message, 'error');
        }
    }

    more.addEventListener('click', () => load(true));
    const apply = h('button', {type: 'button', id: 'log-apply', onclick: () => load(false)}, 'Apply');
    const exportLink = h('button', {type: 'button', class: 'secondary', id: 'log-export',
                                    onclick: () => api.download(`/api/admin/operations/export?${query()}`,
                                                                'operator-log.ndjson')
                                                      .catch(error => dialogs.notify(error.message, 'error'))},
                         'Export NDJSON');
    container.append(
        h('header', {class: 'screen-header'}, h('h1', {}, 'Operator log')),
        h('div', {class: 'toolbar'}, h('label', {}, 'Action', action), h('label', {}, 'Target', target),
          h('label', {}, 'Actor', actor), h('label', {}, 'Outcome', outcome), h('label', {}, 'From', since),
          h('label', {}, 'To', until), apply, exportLink),
        h('table', {class: 'board', id: 'operator-log'},
            h('thead', {}, h('tr', {}, ['Started', 'Action', 'Target', 'Actor', 'Reason', 'Outcome', 'Took']
                .map(title => h('th', {}, title)))),
            rows),
        more);
    load(false);
    return () => {};
}
