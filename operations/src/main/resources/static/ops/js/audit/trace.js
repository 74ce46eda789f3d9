// A request's trace: the tree of commands, events, sagas, deadlines and dead letters it caused, and the later
// requests on what it created. Found by correlation id or event id; a user's recent requests list their traces.

import {h} from '../dom.js';
import {exportButtons, form, problem, time} from './common.js';

function label(node) {
    const where = node.aggregate_type ? ` · ${node.aggregate_type} ${node.aggregate_id} #${node.sequence_number}` : '';
    const details = node.details || {};
    const extra = [details.association_key && `${details.association_key}=${details.association_value}`,
                   details.starts && 'starts', details.ends && 'ends', details.status, details.instance && 'live',
                   details.cause_type].filter(Boolean).join(', ');
    return [h('span', {class: `badge kind-${node.kind}`}, node.kind), ' ', h('strong', {}, node.name || node.id),
            where, extra ? ` (${extra})` : '', h('span', {class: 'meta inline'}, ` ${time(node.at)}`)];
}

function tree(node) {
    return h('li', {'data-kind': node.kind, 'data-name': node.name || ''}, ...label(node),
             node.children?.length ? h('ul', {}, node.children.map(tree)) : null);
}

function section(trace, title) {
    return h('section', {class: 'trace', 'data-correlation': trace.correlation_id},
        h('h2', {}, title),
        h('p', {class: 'hint'}, `${trace.events} events · ${time(trace.started_at)} – ${time(trace.ended_at)}`
                                + (trace.truncated ? ' · truncated' : '')),
        h('ul', {class: 'tree'}, tree(trace.root)));
}

export function mount(area, {api, dialogs, params}) {
    const result = h('div', {id: 'trace-result'});
    area.append(form('trace-form', [{name: 'id', label: 'Correlation or event id', value: params.id},
                                    {name: 'user', label: 'or user id'}], 'Trace', values => values.id
                         ? show(values.id) : values.user ? recent(values.user) : null),
                result);

    async function show(id) {
        try {
            const trace = await api.get(`/api/admin/audit/traces/${encodeURIComponent(id)}`);
            result.replaceChildren(
                h('p', {class: 'summary', id: 'trace-summary'},
                  `Aggregates: ${trace.aggregate_types.join(', ') || '–'} · sagas: `
                  + `${trace.saga_types.join(', ') || '–'} · `,
                  exportButtons(api, dialogs, `/api/admin/audit/traces/${encodeURIComponent(trace.correlation_id)}`
                                              + '/export', `trace-${trace.correlation_id}`)),
                section(trace, `Request ${trace.correlation_id}`),
                ...trace.related.map(later => section(later, `Later request ${later.correlation_id}`)));
        } catch (error) {
            problem(result, error);
        }
    }

    async function recent(user) {
        try {
            const requests = await api.get(`/api/admin/audit/traces?user_id=${encodeURIComponent(user)}`);
            result.replaceChildren(h('table', {class: 'board', id: 'trace-requests'},
                h('thead', {}, h('tr', {}, ['Request', 'Started', 'Events'].map(t => h('th', {}, t)))),
                h('tbody', {}, requests.map(request => h('tr', {},
                    h('td', {}, h('button', {type: 'button', class: 'link', onclick: () => show(request.correlation_id)},
                                  request.correlation_id)),
                    h('td', {}, time(request.started_at)), h('td', {class: 'num'}, request.events))))));
        } catch (error) {
            problem(result, error);
        }
    }

    if (params.id) {
        show(params.id);
    }
    return () => {};
}
