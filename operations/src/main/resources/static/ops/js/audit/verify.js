// The hash chain over the stored events: how far it reaches, its anchors, and verification from the start or from
// an anchor, answering ok or the first global position whose stored event changed.

import {h} from '../dom.js';
import {problem, time} from './common.js';

export function mount(area, {api}) {
    const status = h('div', {id: 'chain-status'});
    const result = h('div', {id: 'verify-result'});
    area.append(status, h('p', {},
        h('button', {type: 'button', id: 'verify-all', onclick: () => verify({})}, 'Verify the whole chain')),
        result);

    async function load() {
        try {
            const chain = await api.get('/api/admin/audit/chain');
            status.replaceChildren(
                h('p', {class: 'summary'}, `Chained up to position ${chain.chained_to ?? '–'} · ${chain.links} links · `
                                           + `${chain.behind} behind the store's head · updated `
                                           + time(chain.updated_at)),
                h('p', {class: 'hint mono'}, `head ${chain.head_hash}`),
                h('h3', {}, 'Anchors'),
                chain.anchors.length ? h('table', {class: 'board', id: 'chain-anchors'},
                    h('thead', {}, h('tr', {}, ['Position', 'Hash', 'Anchored', ''].map(t => h('th', {}, t)))),
                    h('tbody', {}, chain.anchors.map(anchor => h('tr', {},
                        h('td', {class: 'num'}, anchor.global_position), h('td', {class: 'mono'}, anchor.hash),
                        h('td', {}, time(anchor.anchored_at)),
                        h('td', {}, h('button', {type: 'button', class: 'secondary',
                                                 onclick: () => verify({from_position: anchor.global_position,
                                                                        from_hash: anchor.hash})},
                                        'Verify from here'))))))
                    : h('p', {class: 'hint'}, 'No anchor published yet.'));
        } catch (error) {
            problem(status, error);
        }
    }

    async function verify(request) {
        result.replaceChildren(h('p', {class: 'hint'}, 'Verifying…'));
        try {
            const answer = await api.post('/api/admin/audit/verify', request);
            result.replaceChildren(answer.ok
                ? h('p', {class: 'verdict ok', id: 'verify-verdict', 'data-ok': 'true'},
                    `OK: ${answer.checked} events recomputed up to position ${answer.chained_to} in ${answer.seconds} s.`)
                : h('p', {class: 'verdict bad', id: 'verify-verdict', 'data-ok': 'false',
                          'data-position': answer.first_bad_position},
                    `Broken at global position ${answer.first_bad_position}: ${answer.reason.replaceAll('_', ' ')}`
                    + ` (${answer.checked} events matched before it).`));
            load();
        } catch (error) {
            problem(result, error);
        }
    }

    load();
    return () => {};
}
