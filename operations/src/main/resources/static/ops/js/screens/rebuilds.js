// Blue/green rebuilds: the projections that support them with the rebuild holding each, starting a rebuild or a
// verify-only run (administrators), a rebuild's live progress and report, and a projection's earlier rebuilds.

import {h} from '../dom.js';
import {time} from '../audit/common.js';
import {follow} from './rebuild-progress.js';

export function mount(container, context) {
    const {api, session, dialogs} = context;
    const rows = h('tbody', {id: 'projection-rows'});
    const progress = h('section', {class: 'card wide', id: 'rebuild-progress', hidden: true});
    const historyTitle = h('h2', {id: 'rebuild-history-title'}, 'Earlier rebuilds: pick a projection');
    const history = h('tbody', {id: 'rebuild-history'});
    let shownProjection = null;
    let stopFollowing = () => {};

    function watch(projection, rebuildId) {
        stopFollowing();
        stopFollowing = follow(progress, context, projection, rebuildId, () => {
            loadProjections();
            loadHistory(projection);
        });
    }

    async function start(projection, verifyOnly) {
        const reason = await dialogs.askReason({
            title: `${verifyOnly ? 'Verify' : 'Rebuild'} ${projection}`,
            detail: verifyOnly
                ? 'A fresh version is built beside the live tables and compared with them row by row, then dropped: '
                  + 'nothing is switched.'
                : 'A new version is built in shadow tables while the live one keeps serving, then verified; you '
                  + 'switch it in when the report is right.',
            confirm: verifyOnly ? 'Start verifying' : 'Start rebuild',
        });
        if (!reason) {
            return;
        }
        try {
            const rebuild = await api.post(`/api/admin/projections/${encodeURIComponent(projection)}/rebuilds`,
                                           {reason, verify_only: verifyOnly});
            dialogs.notify(`${verifyOnly ? 'Verify-only run' : 'Rebuild'} of ${projection} started.`);
            watch(projection, rebuild.rebuild_id);
            loadProjections();
            loadHistory(projection);
        } catch (error) {
            dialogs.notify(error.message, 'error');
        }
    }

    function actions(projection) {
        if (!session.may('act')) {
            return '';
        }
        return [h('button', {type: 'button', 'data-action': 'rebuild', onclick: () => start(projection.name, false)},
                  'Rebuild…'),
                h('button', {type: 'button', class: 'secondary', 'data-action': 'verify',
                             onclick: () => start(projection.name, true)}, 'Verify only…')];
    }

    function row(projection) {
        const holding = projection.holding_rebuild;
        return h('tr', {'data-projection': projection.name},
            h('td', {}, h('button', {type: 'button', class: 'link name', onclick: () => loadHistory(projection.name)},
                          projection.name)),
            h('td', {}, projection.tables.join(', ')),
            h('td', {'data-field': 'holding'}, holding
                ? h('button', {type: 'button', class: 'link', onclick: () => watch(projection.name, holding.rebuild_id)},
                    h('span', {class: `badge ${holding.state.toLowerCase()}`}, holding.state))
                : '–'),
            h('td', {class: 'actions'}, actions(projection)));
    }

    async function loadProjections() {
        try {
            const projections = await api.get('/api/admin/projections');
            rows.replaceChildren(...projections.map(row));
        } catch (error) {
            dialogs.notify(error.message, 'error');
        }
    }

    async function loadHistory(projection) {
        shownProjection = projection;
        historyTitle.textContent = `Earlier rebuilds of ${projection}`;
        try {
            const rebuilds = await api.get(`/api/admin/projections/${encodeURIComponent(projection)}/rebuilds`);
            if (shownProjection !== projection) {
                return;
            }
            history.replaceChildren(...rebuilds.map(rebuild => h('tr', {'data-rebuild': rebuild.rebuild_id},
                h('td', {}, time(rebuild.requested_at)),
                h('td', {}, rebuild.verify_only ? 'verify only' : 'rebuild'),
                h('td', {}, h('span', {class: `badge ${rebuild.state.toLowerCase()}`}, rebuild.state)),
                h('td', {}, rebuild.verification?.summary || '–'),
                h('td', {}, rebuild.reason, h('span', {class: 'meta'}, rebuild.requested_by)),
                h('td', {}, h('button', {type: 'button', class: 'link',
                                         onclick: () => watch(projection, rebuild.rebuild_id)}, 'Show')))));
        } catch (error) {
            dialogs.notify(error.message, 'error');
        }
    }

    container.append(
        h('header', {class: 'screen-header'}, h('h1', {}, 'Rebuilds')),
        h('p', {class: 'hint'}, 'A blue/green rebuild builds a projection again into shadow tables while the live '
                                + 'ones keep serving, verifies both at the same position and switches them '
                                + 'atomically; the previous version stays for a rollback until it is dropped.'),
        h('table', {class: 'board', id: 'projections'},
            h('thead', {}, h('tr', {}, ['Projection', 'Tables', 'Rebuild', ''].map(title => h('th', {}, title)))),
            rows),
        progress,
        historyTitle,
        h('table', {class: 'board'}, h('thead', {}, h('tr', {},
            ['Requested', 'Kind', 'State', 'Verification', 'Reason', ''].map(title => h('th', {}, title)))), history));
    loadProjections();
    return () => stopFollowing();
}
