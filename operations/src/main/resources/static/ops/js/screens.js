// The console's screens, in navigation order. A built screen names its module, which exports
//   mount(container, context) -> unmount function
// where context = {api, session, dialogs, params} (params: the hash's query, #/audit?id=...). A screen not built
// yet has no module and shows as unavailable.
// To add a screen: write js/screens/<id>.js and give its entry a load function here.

export const screens = [
    {id: 'processors', title: 'Processors', load: () => import('./screens/processors.js')},
    {id: 'replays', title: 'Replays', load: () => import('./screens/replays.js')},
    {id: 'rebuilds', title: 'Rebuilds', load: () => import('./screens/rebuilds.js')},
    {id: 'dead-letters', title: 'Dead letters', load: () => import('./screens/dead-letters.js')},
    {id: 'operator-log', title: 'Operator log', load: () => import('./screens/operator-log.js')},
    {id: 'audit', title: 'Audit', load: () => import('./screens/audit.js')},
];
