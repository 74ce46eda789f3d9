// The console shell: sign-in, the navigation between screens (#/<screen id>), and mounting the current screen.

import * as api from './api.js';
import * as session from './session.js';
import * as dialogs from './dialogs.js';
import {screens} from './screens.js';
import {h} from './dom.js';

const signInView = document.getElementById('sign-in-view');
const consoleView = document.getElementById('console-view');
const nav = document.getElementById('nav');
const screenArea = document.getElementById('screen');
let unmount = null;
let settings = null;

function showSignIn(message) {
    unmount?.();
    unmount = null;
    settings = null;
    consoleView.hidden = true;
    document.getElementById('account').hidden = true;
    signInView.hidden = false;
    const error = document.getElementById('sign-in-error');
    error.hidden = !message;
    error.textContent = message || '';
}

async function signIn(event) {
    event.preventDefault();
    const form = event.target;
    const email = form.username.value.trim();
    try {
        const login = await api.post('/api/auth/login', {username: email, password: form.password.value});
        const refused = session.start(login, email);
        if (refused) {
            showSignIn(refused);
            return;
        }
        form.reset();
        showConsole();
    } catch (error) {
        showSignIn(error.status === 401 || error.status === 400 ? 'Wrong email or password.' : error.message);
    }
}

// #/<screen id>?name=value: the screen, and what to show in it (e.g. #/audit?id=<aggregate id>)
function currentScreen() {
    const id = location.hash.replace(/^#\/?/, '').split('?')[0];
    return screens.find(screen => screen.id === id && screen.load) || screens[0];
}

function hashParams() {
    return Object.fromEntries(new URLSearchParams(location.hash.split('?')[1] || ''));
}

/** The console's settings (the Axon Server dashboard's address), asked once per sign-in. */
async function consoleSettings() {
    settings ??= api.get('/api/admin/console').catch(() => ({}));
    return settings;
}

function renderNav(active) {
    nav.replaceChildren(...screens.map(screen => screen.load
        ? h('a', {href: `#/${screen.id}`, class: screen === active ? 'active' : null,
                  'aria-current': screen === active ? 'page' : null, 'data-screen': screen.id}, screen.title)
        : h('span', {class: 'unavailable', title: 'Not available yet', 'data-screen': screen.id}, screen.title)));
    consoleSettings().then(known => known.axon_server_dashboard_url && nav.append(
        h('a', {href: known.axon_server_dashboard_url, target: '_blank', rel: 'noopener', class: 'external',
                id: 'axon-server-dashboard'}, 'Axon Server dashboard ↗')));
}

async function showConsole() {
    const current = session.current();
    if (!current) {
        showSignIn();
        return;
    }
    signInView.hidden = true;
    consoleView.hidden = false;
    document.getElementById('account').hidden = false;
    document.getElementById('account-name').textContent = `${current.email} · ${current.roles
        .filter(role => role !== 'USER').join(', ').toLowerCase()}`;
    const screen = currentScreen();
    renderNav(screen);
    unmount?.();
    screenArea.replaceChildren();
    const module = await screen.load();
    unmount = module.mount(screenArea, {api, session, dialogs, params: hashParams()});
}

api.whenSignedOut(() => showSignIn('Your session ended; sign in again.'));
document.getElementById('sign-in-form').addEventListener('submit', signIn);
document.getElementById('sign-out').addEventListener('click', () => {
    session.end();
    showSignIn();
});
window.addEventListener('hashchange', () => session.current() && showConsole());
showConsole();
