// What the progress of a long operation (a replay, a rebuild) is shown with: its numbers, and a poll every second
// until it ends.

import {h} from '../dom.js';

export const number = new Intl.NumberFormat('en', {maximumFractionDigits: 1});

export const orNone = value => value === undefined || value === null ? '–' : number.format(value);

export function duration(seconds) {
    if (seconds === undefined || seconds === null) {
        return '–';
    }
    if (seconds < 90) {
        return `${number.format(seconds)} s`;
    }
    if (seconds < 5400) {
        return `${number.format(seconds / 60)} min`;
    }
    return `${number.format(seconds / 3600)} h`;
}

/**
 * Loads the operation every second and shows it in the element (its state in data-state) until ended(operation)
 * holds; then onEnd(operation) runs. A failed load is shown and tried again. Answers {stop, now}: stop polling, or
 * load at once (after an action on it).
 */
export function pollEverySecond(element, {load, show, ended, onEnd = () => {}}) {
    let timer = null;
    let stopped = false;

    async function poll() {
        try {
            const operation = await load();
            show(operation);
            element.dataset.state = operation.state;
            if (ended(operation)) {
                onEnd(operation);
                return;
            }
        } catch (error) {
            element.replaceChildren(h('p', {class: 'error'}, error.message));
        }
        if (!stopped) {
            timer = setTimeout(poll, 1000);
        }
    }

    element.hidden = false;
    poll();
    return {
        stop() {
            stopped = true;
            clearTimeout(timer);
        },
        now() {
            if (!stopped) {
                clearTimeout(timer);
                poll();
            }
        },
    };
}
