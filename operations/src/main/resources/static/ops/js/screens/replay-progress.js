// A replay's progress, polled every second until it ends: its steps with the node that took each, what it waits
// for, the overall and per-segment progress, events per second and the ETA the server measures.

import {h} from '../dom.js';
import {duration, number, orNone, pollEverySecond} from './progress.js';

const STEPS = ['REQUESTED', 'PAUSING', 'WAITING_FOR_RELEASE', 'RESETTING', 'STARTING', 'REPLAYING', 'DONE'];
function steps(replay) {
    const taken = new Map((replay.transitions || []).map(step => [step.state, step]));
    const shown = replay.state === 'FAILED' ? [...STEPS.filter(s => taken.has(s)), 'FAILED'] : STEPS;
    return h('ol', {class: 'steps', id: 'progress-steps'}, shown.map(state => {
        const step = taken.get(state);
        const current = state === replay.state && !['DONE', 'FAILED'].includes(state);
        return h('li', {class: [step ? 'taken' : '', current ? 'current' : '', state === 'FAILED' ? 'failed' : '']
                            .join(' ').trim() || null, 'data-step': state},
                 state.toLowerCase().replaceAll('_', ' '),
                 step ? h('span', {class: 'meta'}, step.node) : null);
    }));
}

function segments(progress) {
    return h('table', {class: 'segment-table'},
        h('thead', {}, h('tr', {}, ['Segment', 'Owner', 'Position', 'Replays up to', 'Progress']
            .map(title => h('th', {}, title)))),
        h('tbody', {}, progress.segments.map(segment => h('tr', {},
            h('td', {}, segment.segment), h('td', {}, segment.owner || 'unclaimed'),
            h('td', {class: 'num'}, orNone(segment.position)), h('td', {class: 'num'}, orNone(segment.replay_until)),
            h('td', {class: 'num'}, `${number.format(segment.percent)} %`)))));
}

function render(replay) {
    const progress = replay.progress;
    const percent = progress ? progress.percent : 0;
    return [
        h('header', {class: 'screen-header'},
            h('h2', {}, `Replay of ${replay.processor} from ${replay.from}`),
            h('span', {class: `badge ${replay.state.toLowerCase()}`, id: 'progress-state'}, replay.state)),
        h('p', {class: 'hint'}, `${replay.reason} · requested by ${replay.requested_by} · ${replay.replay_id}`),
        steps(replay),
        replay.waiting_for ? h('p', {class: 'waiting', id: 'progress-waiting'}, replay.waiting_for) : null,
        replay.error ? h('p', {class: 'error', id: 'progress-error'}, replay.error) : null,
        h('div', {class: 'progress-bar'}, h('div', {style: `width: ${Math.min(100, percent)}%`})),
        h('dl', {class: 'facts'},
            h('dt', {}, 'Progress'), h('dd', {id: 'progress-percent'}, `${number.format(percent)} %`),
            h('dt', {}, 'Events/s'), h('dd', {id: 'progress-rate'}, orNone(progress?.events_per_second)),
            h('dt', {}, 'ETA'), h('dd', {id: 'progress-eta'},
                                  replay.state === 'DONE' ? 'done' : duration(progress?.eta_seconds)),
            h('dt', {}, 'Positions'),
            h('dd', {}, `${orNone(replay.start_position)} → ${orNone(replay.head_at_reset)}`),
            h('dt', {}, 'Working node'), h('dd', {}, replay.executor_node || '–'),
            h('dt', {}, 'Dead letters cleared'), h('dd', {}, orNone(replay.dead_letters_cleared))),
        progress ? segments(progress) : null,
    ];
}

/** Shows the replay in the element and polls it until it ends; returns a function that stops polling. */
export function follow(element, api, processor, replayId) {
    const path = `/api/admin/processors/${encodeURIComponent(processor)}/replays/${encodeURIComponent(replayId)}`;
    return pollEverySecond(element, {
        load: () => api.get(path),
        show: replay => element.replaceChildren(...render(replay).filter(Boolean)),
        ended: replay => ['DONE', 'FAILED'].includes(replay.state),
    }).stop;
}
