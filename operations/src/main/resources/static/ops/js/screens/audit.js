// The audit trail: an aggregate's history and its state at any version, a request's trace, the event search with its
// live tail, sagas with their deadlines, and the hash chain's verification. Each tab is a module in ../audit/
// exporting mount(area, context) -> unmount, where context adds open(tab, params) to the console's own.

import {h} from '../dom.js';

const tabs = [
    {id: 'history', title: 'History', load: () => import('../audit/history.js')},
    {id: 'trace', title: 'Trace', load: () => import('../audit/trace.js')},
    {id: 'search', title: 'Search', load: () => import('../audit/search.js')},
    {id: 'sagas', title: 'Sagas', load: () => import('../audit/sagas.js')},
    {id: 'verify', title: 'Verify', load: () => import('../audit/verify.js')},
];

export function mount(container, context) {
    container.append(h('header', {class: 'screen-header'}, h('h1', {}, 'Audit trail')));
    if (!context.session.may('audit')) {
        container.append(h('p', {class: 'hint', id: 'audit-refused'},
                           'The audit trail is for administrators and auditors.'));
        return () => {};
    }
    const bar = h('nav', {class: 'tabs', id: 'audit-tabs'});
    const area = h('section', {class: 'tab-area', id: 'audit-area'});
    container.append(bar, area);
    let unmount = null;

    async function open(id, params = {}) {
        unmount?.();
        unmount = null;
        area.replaceChildren();
        bar.replaceChildren(...tabs.map(tab => h('button', {
            type: 'button', class: tab.id === id ? 'tab active' : 'tab', 'data-tab': tab.id,
            'aria-pressed': tab.id === id, onclick: () => open(tab.id),
        }, tab.title)));
        const module = await tabs.find(tab => tab.id === id).load();
        unmount = module.mount(area, {...context, open, params});
    }

    open('history', context.params || {});
    return () => unmount?.();
}
