// A rebuild, polled every second until it ends: its steps, what it waits for, the shadow's catch-up (percent,
// events/s, ETA), the verification report (rows per table, examples of differing keys) and what an administrator
// may ask of it now: switch, rollback, or drop (the projection's name typed).

import {h} from '../dom.js';
import {time} from '../audit/common.js';
import {duration, number, orNone, pollEverySecond} from './progress.js';

const STEPS = ['REQUESTED', 'BUILDING', 'PAUSING', 'DRAINING', 'VERIFYING', 'VERIFIED', 'SWITCHING', 'SWITCHED'];
const VERIFY_ONLY_STEPS = ['REQUESTED', 'BUILDING', 'PAUSING', 'DRAINING', 'VERIFYING', 'DISCARDING', 'DONE'];
const ENDED = ['DONE', 'DROPPED', 'FAILED'];

function steps(rebuild) {
    const path = rebuild.verify_only ? VERIFY_ONLY_STEPS : STEPS;
    const shown = path.includes(rebuild.state) ? path : [...path, rebuild.state];
    const reached = shown.indexOf(rebuild.state);
    return h('ol', {class: 'steps', id: 'rebuild-steps'}, shown.map((state, index) => h('li', {
        'data-step': state,
        class: state === 'FAILED' ? 'failed' : index < reached || ENDED.includes(state) && index === reached
            ? 'taken' : index === reached ? 'current' : null,
    }, state.toLowerCase().replaceAll('_', ' '))));
}

function example(item) {
    const key = Object.entries(item.key || {}).map(([name, value]) => `${name}=${value}`).join(', ');
    return h('li', {'data-key': key}, h('span', {class: 'mono'}, key), ` ${item.difference}`,
             item.columns?.length ? ` (${item.columns.join(', ')})` : '');
}

function report(verification) {
    return h('section', {id: 'rebuild-report'},
        h('h3', {}, 'Verification'),
        h('p', {class: `verdict ${verification.differing_rows ? 'bad' : 'ok'}`, id: 'rebuild-verdict'},
          verification.summary),
        h('p', {class: 'hint'}, `Both versions compared at position ${number.format(verification.position)}.`),
        h('table', {class: 'board', id: 'rebuild-report-tables'},
            h('thead', {}, h('tr', {}, ['Table', 'Live rows', 'Rebuilt rows', 'Compared by', 'Differing',
                                        'Examples'].map(title => h('th', {}, title)))),
            h('tbody', {}, verification.tables.map(table => h('tr', {'data-table': table.table},
                h('td', {class: 'name'}, table.table),
                h('td', {class: 'num', 'data-field': 'live-rows'}, number.format(table.live_rows)),
                h('td', {class: 'num', 'data-field': 'rebuilt-rows'}, number.format(table.rebuilt_rows)),
                h('td', {}, table.compared_by),
                h('td', {class: table.differing_rows ? 'num error' : 'num', 'data-field': 'differing-rows'},
                  number.format(table.differing_rows)),
                h('td', {'data-field': 'examples'}, table.examples.length
                    ? h('ul', {class: 'examples'}, table.examples.map(example)) : '–'))))));
}

function render(rebuild, actions) {
    const progress = rebuild.progress;
    return [
        h('header', {class: 'screen-header'},
            h('h2', {}, `${rebuild.verify_only ? 'Verify-only run' : 'Rebuild'} of ${rebuild.projection}`),
            h('span', {class: `badge ${rebuild.state.toLowerCase()}`, id: 'rebuild-state'}, rebuild.state)),
        h('p', {class: 'hint'}, `${rebuild.reason} · requested by ${rebuild.requested_by} at `
                                + `${time(rebuild.requested_at)} · ${rebuild.rebuild_id}`),
        steps(rebuild),
        rebuild.waiting_for ? h('p', {class: 'waiting', id: 'rebuild-waiting'}, rebuild.waiting_for) : null,
        rebuild.error ? h('p', {class: 'error', id: 'rebuild-error'}, rebuild.error) : null,
        progress ? h('div', {class: 'progress-bar'}, h('div', {style: `width: ${Math.min(100, progress.percent)}%`}))
                 : null,
        h('dl', {class: 'facts'},
            h('dt', {}, 'Catch-up'), h('dd', {id: 'rebuild-percent'}, progress ? `${number.format(progress.percent)} %`
                                                                              : '–'),
            h('dt', {}, 'Events/s'), h('dd', {id: 'rebuild-rate'}, orNone(progress?.events_per_second)),
            h('dt', {}, 'ETA'), h('dd', {id: 'rebuild-eta'}, progress?.caught_up ? 'caught up'
                                                                                 : duration(progress?.eta_seconds)),
            h('dt', {}, 'Position'), h('dd', {}, progress ? `${orNone(progress.position)} of ${orNone(progress.head)}`
                                                          : `head at start ${orNone(rebuild.head_at_start)}`),
            h('dt', {}, 'Tables'), h('dd', {}, rebuild.tables.join(', ')),
            h('dt', {}, 'Shadow'), h('dd', {class: 'mono'}, `${rebuild.shadow_processor || '–'} in `
                                                            + `${rebuild.shadow_schema || '–'}`),
            h('dt', {}, 'Working node'), h('dd', {}, rebuild.executor_node || '–'),
            h('dt', {}, 'Live processor'), h('dd', {}, rebuild.live_paused ? 'paused by the rebuild' : 'running')),
        rebuild.verification ? report(rebuild.verification) : null,
        actions,
    ];
}

/**
 * Shows the rebuild in the element and polls it until it ends; onChange() runs after an action. Returns a function
 * that stops polling.
 */
export function follow(element, {api, session, dialogs}, projection, rebuildId, onChange) {
    const path = `/api/admin/projections/${encodeURIComponent(projection)}/rebuilds/${encodeURIComponent(rebuildId)}`;
    let shown = false;
    let poller = null;

    async function act(action) {
        const texts = {
            switch: ['Switch the rebuilt version in', 'The live processor pauses, the two versions swap in one '
                     + 'transaction, and it resumes. The old version is kept for a rollback.', 'Switch'],
            rollback: ['Roll back to the previous version', 'The previous tables are swapped back in and resume '
                       + 'from where they stood at the switch.', 'Roll back'],
            drop: ['Drop the version not in use', 'Its tables are deleted: no rollback is possible afterwards.',
                   'Drop'],
        }[action];
        const reason = await dialogs.askReason({title: texts[0], detail: texts[1], confirm: texts[2],
                                                typedName: projection});
        if (!reason) {
            return;
        }
        try {
            await api.post(`${path}/${action}`, {reason, confirm: projection});
            dialogs.notify(`${projection}: ${action} requested.`);
            onChange();
            poller.now();
        } catch (error) {
            dialogs.notify(error.message, 'error');
        }
    }

    function actions(rebuild) {
        if (!session.may('act') || !rebuild.actions.length) {
            return null;
        }
        return h('div', {class: 'toolbar', id: 'rebuild-actions'}, rebuild.actions.map(action => h('button', {
            type: 'button', class: action === 'drop' ? 'secondary' : null, 'data-action': action,
            onclick: () => act(action)}, {switch: 'Switch in…', rollback: 'Roll back…', drop: 'Drop…'}[action])));
    }

    poller = pollEverySecond(element, {
        load: () => api.get(path),
        show: rebuild => {
            element.replaceChildren(...render(rebuild, actions(rebuild)).filter(Boolean));
            if (!shown) {
                shown = true;
                element.scrollIntoView({block: 'start'});
            }
        },
        ended: rebuild => ENDED.includes(rebuild.state),
        onEnd: onChange,
    });
    return poller.stop;
}
