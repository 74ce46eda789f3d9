// The operations API over fetch, with the session's bearer token. Errors arrive as problem+json and are thrown as
// ApiError; a 401 ends the session. Live streams are Server-Sent Events read through fetch, so the token travels in
// a header rather than in the URL.

import * as session from './session.js';

export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || `Request failed (${status})`);
        this.status = status;
        this.code = problem?.code;
        this.problem = problem;
    }
}

let onSignedOut = () => {};

export function whenSignedOut(callback) {
    onSignedOut = callback;
}

function headers(json) {
    const result = {Accept: 'application/json'};
    const current = session.current();
    if (current) {
        result.Authorization = `Bearer ${current.token}`;
    }
    if (json) {
        result['Content-Type'] = 'application/json';
    }
    return result;
}

async function failure(response) {
    let problem = null;
    try {
        problem = await response.json();
    } catch {
        // not problem+json: the status says enough
    }
    if (response.status === 401) {
        session.end();
        onSignedOut();
    }
    return new ApiError(response.status, problem);
}

async function send(method, path, body) {
    const sent = headers(body !== undefined);
    if (body?.reason) {
        // the reason also travels as the audit trail's header, so the messages the action sends carry it
        sent['X-Audit-Reason'] = encodeURIComponent(body.reason);
    }
    const response = await fetch(path, {
        method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
        throw await failure(response);
    }
    return response.status === 204 ? null : response.json();
}

export const get = path => send('GET', path);

export const post = (path, body) => send('POST', path, body ?? {});

/** Saves what a GET answers (an export) as a file, sending the token like every other request. */
export async function download(path, fileName) {
    const response = await fetch(path, {headers: {...headers(false), Accept: '*/*'}});
    if (!response.ok) {
        throw await failure(response);
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/**
 * Follows a Server-Sent Event stream, reconnecting after a pause when it ends or fails, and resuming after the last
 * event id it saw (Last-Event-ID), starting from options.lastEventId when given.
 * onEvent(name, data, id) gets each event with its JSON data; onState('open' | 'reconnecting' | error) reports the
 * link. Returns a function that closes the stream for good.
 */
export function stream(path, onEvent, onState = () => {}, options = {}) {
    let closed = false;
    let controller = null;
    let lastEventId = options.lastEventId ?? null;
    const seen = (name, data, id) => {
        if (id !== null) {
            lastEventId = id;
        }
        onEvent(name, data, id);
    };

    async function follow() {
        while (!closed) {
            controller = new AbortController();
            try {
                const sent = {...headers(false), Accept: 'text/event-stream'};
                if (lastEventId !== null) {
                    sent['Last-Event-ID'] = lastEventId;
                }
                const response = await fetch(path, {headers: sent, signal: controller.signal});
                if (!response.ok) {
                    throw await failure(response);
                }
                onState('open');
                await readEvents(response.body, seen);
            } catch (error) {
                if (closed) {
                    return;
                }
                if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
                    onState(error);
                    return;
                }
            }
            if (!closed) {
                onState('reconnecting');
                await new Promise(resolve => setTimeout(resolve, 3000));
            }
        }
    }

    follow();
    return () => {
        closed = true;
        controller?.abort();
    };
}

async function readEvents(body, onEvent) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
        const {value, done} = await reader.read();
        if (done) {
            return;
        }
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end), onEvent);
            buffer = buffer.slice(end + 2);
        }
    }
}

function dispatch(block, onEvent) {
    let name = 'message';
    let id = null;
    const data = [];
    for (const line of block.split('\n')) {
        if (line.startsWith('event:')) {
            name = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
            data.push(line.slice(5).replace(/^ /, ''));
        } else if (line.startsWith('id:')) {
            id = line.slice(3).trim();
        }
    }
    if (data.length) {
        onEvent(name, JSON.parse(data.join('\n')), id);
    }
}
