// Live sagas by association value (a booking number, say): state, associations and pending deadlines, which an
// administrator may move or cancel, with a reason that goes to the operator log.

import {h} from '../dom.js';
import {form, json, problem, time} from './common.js';

export function mount(area, {api, session, dialogs}) {
    const result = h('div', {id: 'sagas-result'});
    let shown = '';
    area.append(form('sagas-form', [{name: 'value', label: 'Association value', placeholder: 'TD2X9…'}],
                     'Find sagas', values => find(values.value)),
                result);

    async function find(value) {
        shown = value;
        try {
            const sagas = await api.get(`/api/admin/audit/sagas?association_value=${encodeURIComponent(value)}`);
            result.replaceChildren(...sagas.map(view));
        } catch (error) {
            problem(result, error);
        }
    }

    function view({saga, deadlines}) {
        return h('section', {class: 'saga', 'data-saga': saga.saga_id},
            h('h2', {}, `${saga.saga_type} ${saga.saga_id}`),
            h('p', {class: 'hint'}, saga.associations.map(a => `${a.key}=${a.value}`).join(' · ')),
            json(saga.state),
            h('h3', {}, 'Pending deadlines'),
            deadlines.length ? h('table', {class: 'board'},
                h('thead', {}, h('tr', {}, ['Deadline', 'Due', 'Status', ''].map(t => h('th', {}, t)))),
                h('tbody', {}, deadlines.map(deadline)))
                : h('p', {class: 'hint'}, 'None.'));
    }

    function deadline(item) {
        const when = h('input', {type: 'datetime-local', 'data-reschedule-at': item.task_instance});
        const actions = session.may('act') && !item.running ? [
            when,
            h('button', {type: 'button', class: 'secondary', 'data-action': 'reschedule',
                         onclick: () => change(item, 'reschedule', when.value)}, 'Move'),
            h('button', {type: 'button', class: 'secondary', 'data-action': 'cancel',
                         onclick: () => change(item, 'cancel')}, 'Cancel')] : [];
        return h('tr', {'data-deadline': item.task_instance},
            h('td', {}, item.name), h('td', {}, time(item.execution_time)),
            h('td', {}, item.running ? 'running' : 'pending'), h('td', {class: 'actions'}, ...actions));
    }

    async function change(item, action, local) {
        if (action === 'reschedule' && !local) {
            dialogs.notify('Pick when it should fire.', 'error');
            return;
        }
        const reason = await dialogs.askReason({
            title: `${action === 'cancel' ? 'Cancel' : 'Move'} deadline ${item.name}`,
            detail: action === 'cancel' ? 'The saga will never hear of it.' : `It will fire at ${local}.`,
            confirm: action === 'cancel' ? 'Cancel the deadline' : 'Move the deadline',
        });
        if (!reason) {
            return;
        }
        try {
            const body = action === 'cancel' ? {reason} : {reason, at: new Date(local).toISOString()};
            await api.post(`/api/admin/audit/deadlines/${encodeURIComponent(item.task_instance)}/${action}`, body);
            dialogs.notify(`Deadline ${item.name}: ${action === 'cancel' ? 'cancelled' : 'moved'}.`);
            find(shown);
        } catch (error) {
            dialogs.notify(error.message, 'error');
        }
    }

    return () => {};
}
