// What the audit tabs share: forms, JSON blocks, times, export buttons, error lines.

import {h} from '../dom.js';

export function time(iso) {
    return iso ? new Date(iso).toLocaleString('en-GB', {hour12: false}) : '–';
}

export function json(value, id) {
    return h('pre', {class: 'json', id}, JSON.stringify(value, null, 2));
}

/** A one-line form: fields [{name, label, placeholder, type}], a submit label, onSubmit(values). */
export function form(id, fields, submit, onSubmit) {
    const inputs = fields.map(field => h('input', {
        name: field.name, id: `${id}-${field.name}`, placeholder: field.placeholder || '', type: field.type || 'text',
        value: field.value || null,
    }));
    const element = h('form', {class: 'inline-form', id},
        ...fields.map((field, index) => h('label', {}, field.label, inputs[index])),
        h('button', {type: 'submit', id: `${id}-submit`}, submit));
    element.addEventListener('submit', event => {
        event.preventDefault();
        const values = {};
        fields.forEach((field, index) => values[field.name] = inputs[index].value.trim());
        onSubmit(values);
    });
    return element;
}

/** A datetime-local input's value (the browser's time zone) as an ISO instant; empty stays empty. */
export function instant(local) {
    return local ? new Date(local).toISOString() : '';
}

export function query(values) {
    const present = Object.entries(values).filter(([, value]) => value !== '' && value !== null
                                                                 && value !== undefined);
    return new URLSearchParams(present).toString();
}

export function problem(area, error) {
    area.replaceChildren(h('p', {class: 'error', role: 'alert'}, error.code ? `${error.message} (${error.code})`
                                                                            : error.message));
}

export function exportButtons(api, dialogs, path, name) {
    const save = format => api.download(`${path}${path.includes('?') ? '&' : '?'}format=${format}`,
                                        `${name}.${format}`).catch(error => dialogs.notify(error.message, 'error'));
    return h('span', {class: 'exports'}, 'Export ',
             h('button', {type: 'button', class: 'secondary', 'data-export': 'ndjson', onclick: () => save('ndjson')},
               'NDJSON'),
             h('button', {type: 'button', class: 'secondary', 'data-export': 'csv', onclick: () => save('csv')},
               'CSV'));
}

/** Who did it, from where and why, from an event's metadata. */
export function who(metadata = {}) {
    return [metadata.user_id, metadata.user_roles && `(${metadata.user_roles})`, metadata.client_ip,
            metadata.reason && `“${metadata.reason}”`].filter(Boolean).join(' ');
}
