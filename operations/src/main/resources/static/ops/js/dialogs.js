// Dialogs every screen uses for actions: an action always needs a reason (the API refuses it without one).

import {h} from './dom.js';

/**
 * Asks for the reason of an action. Resolves with the reason, or null when cancelled.
 * options: {title, detail, confirm}
 */
export function askReason({title, detail, confirm}) {
    return new Promise(resolve => {
        const reason = h('textarea', {name: 'reason', id: 'reason-input', rows: 3, required: true, maxlength: 1000});
        const dialog = h('dialog', {class: 'reason-dialog', id: 'reason-dialog'},
            h('form', {method: 'dialog'},
                h('h2', {}, title),
                detail ? h('p', {class: 'hint'}, detail) : null,
                h('label', {}, 'Reason', reason),
                h('div', {class: 'actions'},
                    h('button', {type: 'button', class: 'secondary', id: 'reason-cancel',
                                 onclick: () => dialog.close('')}, 'Cancel'),
                    h('button', {type: 'submit', value: 'ok', id: 'reason-confirm'}, confirm))));
        dialog.addEventListener('close', () => {
            const answer = dialog.returnValue === 'ok' ? reason.value.trim() : '';
            dialog.remove();
            resolve(answer || null);
        });
        document.body.append(dialog);
        dialog.showModal();
        reason.focus();
    });
}

/** A short message at the bottom of the screen. */
export function notify(message, kind = 'info') {
    const toast = h('div', {class: `toast ${kind}`, role: 'status'}, message);
    document.body.append(toast);
    setTimeout(() => toast.remove(), 5000);
}
