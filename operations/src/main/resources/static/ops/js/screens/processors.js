// The processor board: every tracking and pooled processor of every node, live over SSE, with lag and pause/resume.

import {h} from '../dom.js';

const number = new Intl.NumberFormat('en', {maximumFractionDigits: 1});

function lagSeconds(seconds) {
    if (seconds === undefined || seconds === null) {
        return '–';
    }
    if (seconds < 60) {
        return `${number.format(seconds)} s`;
    }
    if (seconds < 3600) {
        return `${number.format(seconds / 60)} min`;
    }
    return `${number.format(seconds / 3600)} h`;
}

const orNone = value => value === undefined || value === null ? '–' : number.format(value);

export function mount(container, {api, session, dialogs}) {
    const expanded = new Set();
    const state = h('span', {class: 'live', id: 'board-state'}, 'connecting…');
    const summary = h('p', {class: 'summary', id: 'board-summary'});
    const body = h('tbody', {id: 'board-rows'});
    let board = null;

    container.append(
        h('header', {class: 'screen-header'}, h('h1', {}, 'Processors'), state),
        summary,
        h('table', {class: 'board', id: 'processor-board'},
            h('thead', {}, h('tr', {},
                h('th', {}, 'Processor'), h('th', {}, 'Status'), h('th', {class: 'num'}, 'Lag (events)'),
                h('th', {class: 'num'}, 'Lag (time)'), h('th', {class: 'num'}, 'Events/s'),
                h('th', {class: 'num'}, 'Dead letters'), h('th', {}, 'Segments'), h('th', {}, ''))),
            body));

    async function act(processor, action) {
        const pausing = action === 'pause';
        const reason = await dialogs.askReason({
            title: `${pausing ? 'Pause' : 'Resume'} ${processor.name}`,
            detail: pausing ? 'Every node stops this processor until it is resumed.'
                            : 'Every node starts this processor again where it stopped.',
            confirm: pausing ? 'Pause on all nodes' : 'Resume on all nodes',
        });
        if (!reason) {
            return;
        }
        try {
            await api.post(`/api/admin/processors/${encodeURIComponent(processor.name)}/${action}`, {reason});
            dialogs.notify(`${processor.name}: ${pausing ? 'pause' : 'resume'} requested on all nodes.`);
        } catch (error) {
            dialogs.notify(error.message, 'error');
        }
    }

    function actions(processor) {
        if (!session.may('operate')) {
            return '';
        }
        const paused = processor.control?.state === 'PAUSED';
        return h('button', {type: 'button', class: paused ? '' : 'secondary', 'data-action': paused ? 'resume' : 'pause',
                            onclick: () => act(processor, paused ? 'resume' : 'pause')},
                 paused ? 'Resume' : 'Pause');
    }

    function segmentsCell(processor) {
        const owners = [...new Set(processor.segments.map(s => s.owner_node).filter(Boolean))];
        const unclaimed = processor.segments.filter(s => !s.owner_node).length;
        return `${processor.segments.length} on ${owners.length} node${owners.length === 1 ? '' : 's'}`
            + (unclaimed ? `, ${unclaimed} unclaimed` : '');
    }

    function segmentRows(processor) {
        return h('tr', {class: 'segments', 'data-segments-of': processor.name}, h('td', {colspan: 8},
            h('table', {class: 'segment-table'},
                h('thead', {}, h('tr', {}, ['Segment', 'Owner', 'Position', 'Head', 'Lag', 'Lag (time)', 'Caught up',
                                            'Replaying', 'Events/s', 'Error'].map(title => h('th', {}, title)))),
                h('tbody', {}, processor.segments.map(segment => h('tr', {},
                    h('td', {}, segment.segment),
                    h('td', {class: segment.owner_alive ? '' : 'warn'}, segment.owner_node || 'unclaimed'),
                    h('td', {class: 'num'}, orNone(segment.position)),
                    h('td', {class: 'num'}, orNone(segment.head)),
                    h('td', {class: 'num'}, orNone(segment.lag_events)),
                    h('td', {class: 'num'}, lagSeconds(segment.lag_seconds)),
                    h('td', {}, segment.caught_up === undefined ? '–' : segment.caught_up ? 'yes' : 'no'),
                    h('td', {}, segment.replaying ? `to ${orNone(segment.reset_position)}` : 'no'),
                    h('td', {class: 'num'}, orNone(segment.events_per_second)),
                    h('td', {class: 'error'}, segment.error_type ? `${segment.error_type}: ${segment.error_message}`
                                                                 : '')))))));
    }

    function row(processor) {
        const toggle = () => {
            expanded.has(processor.name) ? expanded.delete(processor.name) : expanded.add(processor.name);
            render();
        };
        return [h('tr', {'data-processor': processor.name, 'data-status': processor.status},
            h('td', {},
                h('button', {type: 'button', class: 'link name', 'aria-expanded': expanded.has(processor.name),
                             onclick: toggle}, processor.name),
                h('span', {class: 'meta'}, [processor.side, processor.mode,
                                            processor.token_store === 'node' ? 'per node' : null]
                    .filter(Boolean).join(' · '))),
            h('td', {'data-field': 'status'},
                h('span', {class: `badge ${processor.status}`}, processor.status),
                processor.status_reason ? h('span', {class: 'reason'}, processor.status_reason) : null),
            h('td', {class: 'num', 'data-field': 'lag-events'}, orNone(processor.lag_events)),
            h('td', {class: 'num', 'data-field': 'lag-seconds'}, lagSeconds(processor.lag_seconds)),
            h('td', {class: 'num', 'data-field': 'events-per-second'}, orNone(processor.events_per_second)),
            h('td', {class: 'num', 'data-field': 'dead-letters'}, number.format(processor.dead_letters)),
            h('td', {'data-field': 'segments'}, segmentsCell(processor)),
            h('td', {class: 'actions'}, actions(processor))),
            expanded.has(processor.name) ? segmentRows(processor) : null];
    }

    function render() {
        if (!board) {
            return;
        }
        const alive = board.nodes.filter(node => node.alive).length;
        const counts = {};
        board.processors.forEach(p => counts[p.status] = (counts[p.status] || 0) + 1);
        summary.replaceChildren(
            `${board.processors.length} processors on ${alive} live node${alive === 1 ? '' : 's'} · head `,
            h('strong', {}, orNone(board.head_position)),
            ` · answered by ${board.answered_by} · `,
            ...Object.entries(counts).map(([status, count]) => h('span', {class: `badge ${status}`},
                                                                 `${count} ${status}`)));
        body.replaceChildren(...board.processors.flatMap(row).filter(Boolean));
    }

    const close = api.stream('/api/admin/processors/stream', (name, data) => {
        if (name === 'board') {
            board = data;
            render();
        }
    }, link => {
        state.textContent = link === 'open' ? 'live' : link === 'reconnecting' ? 'reconnecting…' : link.message;
        state.className = `live ${link === 'open' ? 'on' : 'off'}`;
    });
    return close;
}
