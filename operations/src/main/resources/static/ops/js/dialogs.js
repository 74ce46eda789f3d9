// Dialogs every screen uses for actions: an action always needs a reason (the API refuses it without one).

import {h} from './dom.js';

/**
 * Asks for the reason of an action. Resolves with the reason, or null when cancelled.
 * options: {title, detail, confirm, typedName}: with typedName (a destructive action), the confirm button stays
 * disabled until that name is typed; detail may be text or an element.
 */
export function askReason({title, detail, confirm, typedName}) {
    return new Promise(resolve => {
        const reason = h('textarea', {name: 'reason', id: 'reason-input', rows: 3, required: true, maxlength: 1000});
        const typed = typedName ? h('input', {id: 'confirm-name-input', autocomplete: 'off', required: true}) : null;
        const ok = h('button', {type: 'submit', value: 'ok', id: 'reason-confirm', disabled: Boolean(typedName)},
                     confirm);
        typed?.addEventListener('input', () => ok.disabled = typed.value.trim() !== typedName);
        const dialog = h('dialog', {class: 'reason-dialog', id: 'reason-dialog'},
            h('form', {method: 'dialog'},
                h('h2', {}, title),
                detail ? h('div', {class: 'hint', id: 'reason-detail'}, detail) : null,
                h('label', {}, 'Reason', reason),
                typed ? h('label', {}, `Type ${typedName} to confirm`, typed) : null,
                h('div', {class: 'actions'},
                    h('button', {type: 'button', class: 'secondary', id: 'reason-cancel',
                                 onclick: () => dialog.close('')}, 'Cancel'),
                    ok)));
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
