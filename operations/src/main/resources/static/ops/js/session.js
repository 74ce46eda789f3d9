// The signed-in operator: the access token lives in sessionStorage (gone when the tab closes), its claims decide
// which screens and buttons are shown. The server checks every request again; this only hides what would be refused.

const KEY = 'tandem.ops.session';
const CONSOLE_ROLES = ['ADMIN', 'OPERATOR', 'AUDITOR'];

function claimsOf(token) {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload.padEnd(payload.length + (4 - payload.length % 4) % 4, '=')));
}

export function current() {
    const stored = sessionStorage.getItem(KEY);
    if (!stored) {
        return null;
    }
    const session = JSON.parse(stored);
    if (session.expiresAt <= Date.now()) {
        sessionStorage.removeItem(KEY);
        return null;
    }
    return session;
}

/** Keeps a login answer if its account has a console role; answers why not otherwise. */
export function start(login, email) {
    const claims = claimsOf(login.access_token);
    const roles = claims.roles || [];
    if (!roles.some(role => CONSOLE_ROLES.includes(role))) {
        return 'This account has no operations role (administrator, operator or auditor).';
    }
    sessionStorage.setItem(KEY, JSON.stringify({
        token: login.access_token, email, roles, userId: claims.sub, expiresAt: claims.exp * 1000,
    }));
    return null;
}

export function end() {
    sessionStorage.removeItem(KEY);
}

/**
 * Whether the signed-in account may do this; actions as the server's OperationsAccess names them: read, operate,
 * audit (read the audit trail and verify it), act (anything else: ADMIN only).
 */
export function may(action) {
    const roles = current()?.roles || [];
    if (roles.includes('ADMIN')) {
        return true;
    }
    if (action === 'read') {
        return roles.includes('OPERATOR') || roles.includes('AUDITOR');
    }
    if (action === 'operate') {
        return roles.includes('OPERATOR');
    }
    if (action === 'audit') {
        return roles.includes('AUDITOR');
    }
    return false;
}
