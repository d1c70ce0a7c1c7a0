// Calls to this origin's APIs with the bearer token; an API problem (RFC 9457) becomes an ApiError with a readable message.
import { token } from './session.js';

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export async function api(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  const headers = { Accept: accept, Authorization: 'Bearer ' + token() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) {
    let message = res.status === 401 ? 'Your sign-in is not valid or has expired. Sign in again.'
      : res.status === 403 ? 'Your role may not do this (403 Forbidden).' : `The server answered ${res.status}.`;
    try {
      const p = await res.json();
      if (p && (p.detail || p.title) && res.status !== 401) message = `${p.title || ''}${p.detail ? ': ' + p.detail : ''} (${res.status})`;
    } catch (e) { /* not JSON */ }
    throw new ApiError(res.status, message);
  }
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

/**
 * Server-Sent Events over fetch (EventSource cannot send an Authorization header): reads the stream, calls onEvent for
 * each non-heartbeat event, reconnects with Last-Event-ID after a drop. Returns a function that stops it.
 */
export function eventStream(path, { onEvent, onState }) {
  let lastId = null;
  let stopped = false;
  let controller = null;
  let delay = 1000;

  async function connect() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = { Accept: 'text/event-stream', Authorization: 'Bearer ' + token() };
        if (lastId !== null) headers['Last-Event-ID'] = lastId;
        const res = await fetch(path, { headers, signal: controller.signal, cache: 'no-store' });
        if (res.status === 401 || res.status === 403) { onState('denied'); return; }
        if (!res.ok || !res.body) throw new Error('stream answered ' + res.status);
        onState('on');
        delay = 1000;
        await read(res.body.getReader());
        if (!stopped) onState('off');
      } catch (e) {
        if (stopped) return;
        onState('off');
      }
      await new Promise(r => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15000);
    }
  }

  async function read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  function dispatch(block) {
    let id = null, name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (id !== null) lastId = id;
    if (name === 'heartbeat' || data.length === 0) return;
    try { onEvent(JSON.parse(data.join('\n')), id); } catch (e) { /* not an alert event */ }
  }

  connect();
  return () => { stopped = true; if (controller) controller.abort(); };
}
