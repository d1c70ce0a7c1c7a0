// One alert: summary, evidence timeline (which source saw what, when), regions, CAP link, audit trail, operator actions.
import { api, eventStream } from './api.js';
import { token, isOperator } from './session.js';
import { esc, when, sevBadge, human } from './format.js';
import { catalogue, regionName } from './catalogue.js';
import { title } from './alerts.js';

const ACTIONS = {
  acknowledge: { label: 'Acknowledge', allowed: ['OPEN'] },
  resolve: { label: 'Resolve', allowed: ['OPEN', 'ACKNOWLEDGED'] },
  dismiss: { label: 'Dismiss', allowed: ['OPEN', 'ACKNOWLEDGED'], needsNote: true },
};

export function alertDetailView(main, alertId) {
  let cat = null;
  main.innerHTML = '<p class="loading">Loading alert…</p>';

  async function load() {
    try {
      [cat] = await Promise.all([catalogue().catch(() => null)]);
      render(await api('/api/v1/alerts/' + encodeURIComponent(alertId)));
    } catch (e) {
      main.innerHTML = `<p><a href="#/alerts">← All alerts</a></p><p class="error" role="alert">${esc(e.message)}</p>`;
    }
  }

  function render({ alert: a, detections = [], audit = [] }) {
    const timeline = [...detections].sort((x, y) => new Date(x.detectedAt) - new Date(y.detectedAt));
    main.innerHTML = `
      <p><a href="#/alerts">← All alerts</a></p>
      <h2 id="alert-title">${sevBadge(a.severity)} ${esc(title(a))}
        — ${esc(regionName(cat, a.county))}</h2>
      <div class="grid2">
        <section class="panel" aria-labelledby="sum-h">
          <h3 id="sum-h">Summary</h3>
          <p>${esc(a.summary)}</p>
          <dl class="facts">
            <dt>Status</dt><dd><span class="status status-${esc(a.status)}" id="alert-status">${human(a.status)}</span></dd>
            <dt>Severity</dt><dd>${sevBadge(a.severity)}</dd>
            <dt>Certainty</dt><dd>${human(a.certainty)}</dd>
            <dt>Rules</dt><dd>${esc((a.rules || []).map(human).join(', '))}</dd>
            <dt>Sources</dt><dd>${esc((a.sourceTypes || []).map(human).join(', ') || '—')}</dd>
            <dt>Event time</dt><dd>${when(a.windowStart)} – ${when(a.windowEnd)}</dd>
            <dt>Opened</dt><dd>${when(a.openedAt)}</dd>
            <dt>Last detected</dt><dd>${when(a.lastDetectedAt)}</dd>
            <dt>Alert id</dt><dd><code>${esc(a.alertId)}</code></dd>
          </dl>
          <p><button type="button" class="secondary" id="cap-link">Open CAP 1.2 document</button>
             <span class="muted">(XML for other warning systems)</span></p>
        </section>
        <section class="panel" aria-labelledby="reg-h">
          <h3 id="reg-h">Regions</h3>
          <ul id="regions">${(a.regions || [a.region]).map(r => `<li>${esc(regionName(cat, r))}</li>`).join('')}</ul>
          ${actionsHtml(a)}
        </section>
      </div>
      <section class="panel" aria-labelledby="ev-h">
        <h3 id="ev-h">Evidence timeline</h3>
        <ol class="timeline" id="timeline">${timeline.map(d => `
          <li><strong>${when(d.detectedAt)}</strong> — ${sevBadge(d.severity)} ${esc(human(d.rule))}
            <div>Seen by: <strong>${esc((d.sourceTypes || []).map(human).join(', ') || 'operations')}</strong>
              in ${esc(regionName(cat, d.region))}, event time ${when(d.windowStart)}</div>
            <div>${esc(d.summary)}</div>
            <div class="muted">${(d.evidence || []).length} piece(s) of evidence: ${esc((d.evidence || []).slice(0, 5).join(', '))}${(d.evidence || []).length > 5 ? '…' : ''}</div>
          </li>`).join('')}</ol>
      </section>
      <section class="panel" aria-labelledby="au-h">
        <h3 id="au-h">Audit trail</h3>
        <table id="audit"><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Who</th><th scope="col">Note</th></tr></thead>
          <tbody>${audit.map(e => `<tr><td>${when(e.occurredAt)}</td>
            <td>${human(e.type)}${e.fromStatus && e.fromStatus !== e.toStatus ? `: ${human(e.fromStatus)} → ${human(e.toStatus)}` : ''}
                ${e.fromSeverity && e.fromSeverity !== e.toSeverity ? ` (severity ${human(e.fromSeverity)} → ${human(e.toSeverity)})` : ''}</td>
            <td>${esc(e.actor)}</td><td>${esc(e.note || '')}</td></tr>`).join('')}</tbody></table>
      </section>`;
    document.getElementById('cap-link').addEventListener('click', openCap);
    const form = document.getElementById('action-form');
    if (form) form.addEventListener('submit', ev => ev.preventDefault());
    if (form) form.addEventListener('click', ev => {
      const button = ev.target.closest('button[data-action]');
      if (button) act(button.dataset.action);
    });
  }

  function actionsHtml(a) {
    if (!isOperator()) {
      return '<p class="muted" id="no-actions">Acknowledging, resolving and dismissing alerts is for operators.</p>';
    }
    const possible = Object.entries(ACTIONS).filter(([, v]) => v.allowed.includes(a.status));
    if (possible.length === 0) return `<p class="muted">This alert is ${human(a.status).toLowerCase()}; no further action.</p>`;
    return `<h3>Act on this alert</h3>
      <form id="action-form">
        <label for="action-note">Note (required to dismiss)</label>
        <textarea id="action-note" rows="3" maxlength="2000"></textarea>
        <p id="action-error" role="alert"></p>
        <div class="actions">${possible.map(([k, v]) =>
          `<button type="button" class="action${k === 'dismiss' ? ' danger' : ''}" data-action="${k}" id="action-${k}">${v.label}</button>`).join('')}</div>
      </form>`;
  }

  async function act(action) {
    const note = document.getElementById('action-note').value.trim();
    const error = document.getElementById('action-error');
    if (ACTIONS[action].needsNote && !note) { error.innerHTML = '<span class="error">Say why the alert is dismissed.</span>'; return; }
    try {
      await api(`/api/v1/alerts/${encodeURIComponent(alertId)}/${action}`, { method: 'POST', body: { note: note || null } });
      document.getElementById('toast').textContent = { acknowledge: 'Alert acknowledged.', resolve: 'Alert resolved.', dismiss: 'Alert dismissed.' }[action];
      setTimeout(() => { document.getElementById('toast').textContent = ''; }, 4000);
      await load();
    } catch (e) {
      error.innerHTML = `<span class="error">${esc(e.message)}</span>`;
    }
  }

  async function openCap() {
    try {
      const res = await fetch(`/api/v1/alerts/${encodeURIComponent(alertId)}/cap`, { headers: { Authorization: 'Bearer ' + token(), Accept: 'application/cap+xml, application/xml' } });
      if (!res.ok) throw new Error('The CAP document is not available (' + res.status + ').');
      const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/xml' }));
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (e) {
      document.getElementById('toast').textContent = e.message;
      setTimeout(() => { document.getElementById('toast').textContent = ''; }, 5000);
    }
  }

  load();
  // keep the page current when someone else acts on this alert
  return eventStream('/api/v1/alerts/stream', { onEvent: e => { if (e.alertId === alertId) load(); }, onState: () => {} });
}
