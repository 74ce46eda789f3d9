// The dead-letter explorer: parked sequences of every processor, filtered and grouped by failure fingerprint (the
// exception type and the top frame); a sequence opens with its letters and events to be retried or evicted; bulk
// retry and evict by filter show the dry run's count first and need the processor's name typed.

import {h} from '../dom.js';
import {time} from '../audit/common.js';
import {showSequence} from './dead-letter-sequence.js';

const number = new Intl.NumberFormat('en');

export function mount(container, {api, session, dialogs}) {
    const processor = h('select', {id: 'dl-processor'}, h('option', {value: ''}, 'any'));
    const fields = {
        event_type: h('input', {id: 'dl-event-type', placeholder: 'BookingPlacedEvent'}),
        exception_type: h('input', {id: 'dl-exception-type', placeholder: 'DataIntegrityViolationException'}),
        fingerprint: h('input', {id: 'dl-fingerprint', placeholder: 'fingerprint'}),
        aggregate_id: h('input', {id: 'dl-aggregate-id', placeholder: 'aggregate id'}),
    };
    const since = h('input', {id: 'dl-from', type: 'datetime-local'});
    const until = h('input', {id: 'dl-to', type: 'datetime-local'});
    const summary = h('p', {class: 'summary', id: 'dl-summary'});
    const groups = h('tbody', {id: 'dl-groups'});
    const rows = h('tbody', {id: 'dead-letter-rows'});
    const more = h('button', {type: 'button', class: 'secondary', id: 'dl-more', hidden: true}, 'More');
    const detail = h('section', {class: 'card wide', id: 'dl-sequence', hidden: true});
    const max = h('input', {id: 'dl-bulk-max', type: 'number', min: 1, max: 500, value: 100});
    const rate = h('input', {id: 'dl-bulk-rate', type: 'number', min: 0.1, max: 50, step: 'any', value: 5});
    const bulkRetry = h('button', {type: 'button', id: 'dl-bulk-retry', onclick: () => bulk('retry')},
                        'Retry matching…');
    const bulkEvict = h('button', {type: 'button', class: 'secondary', id: 'dl-bulk-evict',
                                   onclick: () => bulk('evict')}, 'Evict matching…');
    const bulkBar = h('div', {class: 'toolbar bulk', id: 'dl-bulk'},
        h('label', {}, 'At most', max), h('label', {}, 'Retries per second', rate),
        session.may('operate') ? bulkRetry : null, session.may('act') ? bulkEvict : null,
        h('span', {class: 'hint', id: 'dl-bulk-hint'}));
    let cursor = null;

    function filter() {
        const values = {processor: processor.value};
        Object.entries(fields).forEach(([name, input]) => values[name] = input.value.trim());
        values.from = since.value && new Date(since.value).toISOString();
        values.to = until.value && new Date(until.value).toISOString();
        return Object.fromEntries(Object.entries(values).filter(([, value]) => value));
    }

    function choose(name) {
        if (![...processor.options].some(option => option.value === name)) {
            processor.append(h('option', {value: name}, name));
        }
        processor.value = name;
    }

    function groupRow(group) {
        const pick = () => {
            fields.fingerprint.value = group.fingerprint;
            if (group.processors.length === 1) {
                choose(group.processors[0]);
            }
            load(false);
        };
        return h('tr', {class: 'selectable', 'data-fingerprint': group.fingerprint, onclick: pick},
            h('td', {class: 'mono'}, group.fingerprint),
            h('td', {}, h('strong', {}, group.cause_type), h('span', {class: 'meta mono'}, group.top_frame),
              h('span', {class: 'reason'}, group.example_cause)),
            h('td', {}, group.processors.join(', ')),
            h('td', {class: 'num', 'data-field': 'sequences'}, number.format(group.sequences)),
            h('td', {class: 'num'}, number.format(group.letters)),
            h('td', {}, time(group.first_enqueued_at), h('span', {class: 'meta'}, time(group.last_enqueued_at))));
    }

    function sequenceRow(item) {
        return h('tr', {class: 'selectable', 'data-processor': item.processor, 'data-sequence': item.sequence,
                        'data-state': item.state, onclick: () => open(item)},
            h('td', {}, h('span', {class: 'name'}, item.processor),
              h('span', {class: 'meta'}, `${item.aggregate_type || ''} ${item.sequence}`)),
            h('td', {'data-field': 'event-type'}, item.event_type,
              h('span', {class: 'meta'}, `${number.format(item.letters)} letter${item.letters === 1 ? '' : 's'}`)),
            h('td', {'data-field': 'cause'}, h('strong', {}, item.cause_type?.split('.').pop()),
              h('span', {class: 'reason', title: item.cause_message}, item.cause_message)),
            h('td', {}, time(item.enqueued_at), h('span', {class: 'meta'}, `touched ${time(item.last_touched)}`)),
            h('td', {class: 'num', 'data-field': 'retries'}, item.retries ?? 0),
            h('td', {'data-field': 'state'}, h('span', {class: `badge ${item.state}`}, item.state),
              item.next_retry_at ? h('span', {class: 'meta'}, `next ${time(item.next_retry_at)}`) : null));
    }

    async function load(append) {
        const query = new URLSearchParams(filter());
        if (append && cursor) {
            query.set('cursor', cursor);
        }
        try {
            const page = await api.get(`/api/admin/dead-letters?${query}`);
            const shown = page.items.map(sequenceRow);
            append ? rows.append(...shown) : rows.replaceChildren(...shown);
            if (!append) {
                groups.replaceChildren(...page.groups.map(groupRow));
                summary.replaceChildren(h('strong', {id: 'dl-total'}, number.format(page.total)),
                    ` parked sequence${page.total === 1 ? '' : 's'} in ${page.groups.length} failure group`
                    + (page.groups.length === 1 ? '' : 's'));
            }
            cursor = page.next_cursor || null;
            more.hidden = !cursor;
            bulkBar.hidden = !processor.value || !page.total;
        } catch (error) {
            dialogs.notify(error.message, 'error');
        }
    }

    function open(item) {
        rows.querySelectorAll('tr.selected').forEach(row => row.classList.remove('selected'));
        rows.querySelector(`tr[data-processor="${CSS.escape(item.processor)}"][data-sequence="`
                           + `${CSS.escape(item.sequence)}"]`)?.classList.add('selected');
        showSequence(detail, {api, session, dialogs}, item.processor, item.sequence, () => load(false));
    }

    async function bulk(action) {
        const name = processor.value;
        const body = {...filter(), max: Number(max.value) || undefined,
                      rate_per_second: action === 'retry' ? Number(rate.value) || undefined : undefined};
        let plan;
        try {
            plan = await api.post(`/api/admin/dead-letters/bulk-${action}`, {...body, dry_run: true});
        } catch (error) {
            dialogs.notify(error.message, 'error');
            return;
        }
        const counted = h('p', {id: 'dl-bulk-count'},
            h('strong', {}, number.format(plan.selected)), ` of ${number.format(plan.matched)} matching sequence`
            + `${plan.matched === 1 ? '' : 's'} of ${name} would be ${action === 'retry' ? 'retried' : 'evicted'}`
            + ` (oldest first, at most ${plan.max}`
            + (plan.estimated_seconds ? `, about ${number.format(plan.estimated_seconds)} s at `
                                        + `${plan.rate_per_second}/s` : '') + ').');
        if (!plan.selected) {
            dialogs.notify('Nothing matches: nothing to do.');
            return;
        }
        const reason = await dialogs.askReason({
            title: `${action === 'retry' ? 'Retry' : 'Evict'} ${plan.selected} sequence${plan.selected === 1 ? '' : 's'}`,
            detail: [counted, action === 'evict' ? h('p', {class: 'warning'}, 'Evicted events are never handled.')
                                                 : null],
            confirm: action === 'retry' ? 'Retry them' : 'Evict them', typedName: name,
        });
        if (!reason) {
            return;
        }
        try {
            const done = await api.post(`/api/admin/dead-letters/bulk-${action}`,
                                        {...body, dry_run: false, reason, confirm: name});
            const outcomes = {};
            done.results.forEach(result => outcomes[result.outcome] = (outcomes[result.outcome] || 0) + 1);
            dialogs.notify(`${name}: ${Object.entries(outcomes).map(([outcome, count]) => `${count} ${outcome}`)
                .join(', ') || 'nothing done'}.`);
        } catch (error) {
            dialogs.notify(error.message, 'error');
        }
        detail.hidden = true;
        load(false);
    }

    more.addEventListener('click', () => load(true));
    processor.addEventListener('change', () => load(false));
    const apply = h('button', {type: 'button', id: 'dl-apply', onclick: () => load(false)}, 'Apply');
    const clear = h('button', {type: 'button', class: 'secondary', id: 'dl-clear', onclick: () => {
        Object.values(fields).forEach(input => input.value = '');
        [processor, since, until].forEach(input => input.value = '');
        load(false);
    }}, 'Clear');
    container.append(
        h('header', {class: 'screen-header'}, h('h1', {}, 'Dead letters')),
        h('p', {class: 'hint'}, 'Events a handler failed on, parked with the events of the same aggregate behind '
                                + 'them. Nodes retry them with a growing delay, then they wait for an operator.'),
        h('div', {class: 'toolbar'}, h('label', {}, 'Processor', processor),
          ...Object.entries({'Event type': 'event_type', 'Exception': 'exception_type',
                             'Fingerprint': 'fingerprint', 'Aggregate': 'aggregate_id'})
              .map(([label, name]) => h('label', {}, label, fields[name])),
          h('label', {}, 'Parked from', since), h('label', {}, 'to', until), apply, clear),
        summary,
        h('h2', {}, 'Failures'),
        h('table', {class: 'board', id: 'dl-group-table'}, h('thead', {}, h('tr', {},
            ['Fingerprint', 'Cause and top frame', 'Processors', 'Sequences', 'Letters', 'Parked']
                .map((title, index) => h('th', {class: index === 3 || index === 4 ? 'num' : null}, title)))),
          groups),
        bulkBar, detail,
        h('h2', {}, 'Parked sequences'),
        h('table', {class: 'board', id: 'dead-letters'}, h('thead', {}, h('tr', {},
            ['Sequence', 'Event', 'Cause', 'Parked', 'Retries', 'State']
                .map(title => h('th', {class: title === 'Retries' ? 'num' : null}, title)))),
          rows),
        more);
    bulkBar.hidden = true;
    api.get('/api/admin/processors').then(board => board.processors.forEach(p =>
        processor.append(h('option', {value: p.name}, p.name)))).catch(error => dialogs.notify(error.message, 'error'));
    load(false);
    return () => {};
}
