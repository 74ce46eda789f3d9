// Replays: pick a processor and where to start, see the dry-run plan, confirm by typing the processor's name (and
// forcing when handlers have side effects), then watch the progress; earlier replays of the processor below.

import {h} from '../dom.js';
import {duration} from './progress.js';
import {follow} from './replay-progress.js';

const number = new Intl.NumberFormat('en');

function planView(plan) {
    const list = (title, items, id) => h('div', {class: 'plan-list', id},
        h('h3', {}, title), items.length ? h('ul', {}, items.map(item => h('li', {}, item))) : h('p', {}, 'none'));
    return [
        h('dl', {class: 'facts'},
            h('dt', {}, 'Range'), h('dd', {}, `after ${number.format(plan.start_position)} up to `
                                              + number.format(plan.head_position)),
            h('dt', {}, 'Events in range'), h('dd', {id: 'plan-events-in-range'}, number.format(plan.events_in_range)),
            h('dt', {}, 'Handled events'), h('dd', {id: 'plan-handled-events'}, number.format(plan.handled_events)),
            h('dt', {}, 'Estimated duration'), h('dd', {id: 'plan-estimate'},
                                                 `${duration(plan.estimated_seconds)} (${plan.estimate_basis})`),
            h('dt', {}, 'Segments'), h('dd', {}, plan.segments),
            h('dt', {}, 'Dead letters cleared'), h('dd', {id: 'plan-dead-letters'},
                                                   number.format(plan.dead_letters_to_clear))),
        list('Handled events by type', Object.entries(plan.handled_by_type)
            .map(([type, count]) => `${type}: ${number.format(count)}`), 'plan-types'),
        list('Read models cleared at the reset', plan.reset_handlers, 'plan-resets'),
        list('Handlers skipped on replay', plan.skipped_handlers, 'plan-skipped'),
        list('Handlers with side effects (never run for replayed events)',
             plan.side_effect_handlers.map(handler => `${handler.type}: ${handler.effect}`), 'plan-side-effects'),
        plan.note ? h('p', {class: 'warning', id: 'plan-note'}, plan.note) : null,
        plan.blockers.length ? h('p', {class: 'warning', id: 'plan-blockers'}, plan.blockers.join('; ')) : null,
    ];
}

export function mount(container, {api, session, dialogs}) {
    const processorSelect = h('select', {id: 'replay-processor'});
    const fromSelect = h('select', {id: 'replay-from'},
        ['tail', 'head', 'timestamp', 'position'].map(kind => h('option', {value: kind}, kind)));
    const fromValue = h('input', {id: 'replay-from-value', placeholder: '2026-12-06T08:00:00Z or 1200', hidden: true});
    const dryRun = h('button', {type: 'button', id: 'replay-dry-run'}, 'Dry run');
    const plan = h('section', {class: 'card wide', id: 'replay-plan', hidden: true});
    const progress = h('section', {class: 'card wide', id: 'replay-progress', hidden: true});
    const history = h('tbody', {id: 'replay-history'});
    let stopFollowing = () => {};

    const from = () => fromSelect.value === 'tail' || fromSelect.value === 'head' ? fromSelect.value
                                                                                 : fromValue.value.trim();
    const base = () => `/api/admin/processors/${encodeURIComponent(processorSelect.value)}/replays`;

    function watch(processor, replayId) {
        stopFollowing();
        stopFollowing = follow(progress, api, processor, replayId);
    }

    async function loadHistory() {
        const replays = await api.get(base()).catch(() => []);
        history.replaceChildren(...replays.map(replay => h('tr', {'data-replay': replay.replay_id},
            h('td', {}, new Date(replay.requested_at).toLocaleString()), h('td', {}, replay.from),
            h('td', {}, h('span', {class: `badge ${replay.state.toLowerCase()}`}, replay.state)),
            h('td', {}, replay.reason),
            h('td', {}, h('button', {type: 'button', class: 'link',
                                     onclick: () => watch(replay.processor, replay.replay_id)}, 'Show')))));
    }

    function confirmation(shownPlan) {
        const reason = h('textarea', {id: 'replay-reason', rows: 2, maxlength: 1000});
        const typed = h('input', {id: 'replay-confirm-name', autocomplete: 'off'});
        const force = h('input', {type: 'checkbox', id: 'replay-force'});
        const start = h('button', {type: 'button', id: 'replay-start', disabled: true}, 'Start replay');
        const ready = () => reason.value.trim() && typed.value === shownPlan.processor
                            && (!shownPlan.requires_force || force.checked) && !shownPlan.active_replay;
        [reason, typed, force].forEach(input => input.addEventListener('input', () => start.disabled = !ready()));
        start.addEventListener('click', async () => {
            start.disabled = true;
            try {
                const replay = await api.post(base(), {from: shownPlan.from, reason: reason.value.trim(),
                                                       force: force.checked});
                dialogs.notify(`Replay of ${shownPlan.processor} started.`);
                plan.hidden = true;
                watch(replay.processor, replay.replay_id);
                loadHistory();
            } catch (error) {
                dialogs.notify(error.message, 'error');
                start.disabled = !ready();
            }
        });
        return h('div', {class: 'confirm'},
            h('h3', {}, 'Start it'),
            h('label', {}, 'Reason', reason),
            shownPlan.requires_force ? h('label', {class: 'inline'}, force,
                                         ' Replay although handlers have side effects (they skip replayed events)')
                                     : null,
            h('label', {}, `Type ${shownPlan.processor} to confirm`, typed),
            start);
    }

    dryRun.addEventListener('click', async () => {
        try {
            const shown = await api.post(base(), {from: from(), dry_run: true});
            plan.replaceChildren(h('h2', {}, `Plan: replay ${shown.processor} from ${shown.from}`),
                                 ...planView(shown).filter(Boolean), confirmation(shown));
            plan.hidden = false;
        } catch (error) {
            dialogs.notify(error.message, 'error');
        }
    });
    fromSelect.addEventListener('change', () => fromValue.hidden = ['tail', 'head'].includes(fromSelect.value));
    processorSelect.addEventListener('change', () => {
        plan.hidden = true;
        loadHistory();
    });

    container.append(
        h('header', {class: 'screen-header'}, h('h1', {}, 'Replays')),
        h('p', {class: 'hint'}, 'A replay pauses the processor on every node, waits until no node claims a segment, '
                                + 'resets it on one node and lets every node replay; a node that dies is replaced.'),
        h('div', {class: 'toolbar'}, h('label', {}, 'Processor', processorSelect),
          h('label', {}, 'From', fromSelect), fromValue, session.may('replay') ? dryRun : null),
        plan, progress,
        h('h2', {}, 'Earlier replays'),
        h('table', {class: 'board'}, h('thead', {}, h('tr', {}, ['Requested', 'From', 'State', 'Reason', '']
            .map(title => h('th', {}, title)))), history));

    api.get('/api/admin/processors').then(board => {
        board.processors.filter(p => p.token_store === 'shared').forEach(p =>
            processorSelect.append(h('option', {value: p.name}, p.name)));
        loadHistory();
    }).catch(error => dialogs.notify(error.message, 'error'));
    return () => stopFollowing();
}
