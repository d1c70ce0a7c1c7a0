// Pipeline health (operators): ingest rates and rejections, consumer lag, detections per hour, deliveries, provider freshness.
import { api } from './api.js';
import { esc, when, ago, human } from './format.js';

export function pipelineView(main) {
  main.innerHTML = `
    <h2>Pipeline health</h2>
    <p class="muted">Refreshes every 10 seconds. <span id="pl-at"></span></p>
    <div id="pl-errors" role="alert"></div>
    <section class="panel" aria-labelledby="fr-h"><h3 id="fr-h">Data freshness per provider</h3>
      <div id="freshness"><p class="loading">Loading…</p></div></section>
    <div class="grid2">
      <section class="panel" aria-labelledby="in-h"><h3 id="in-h">Signals into ingest</h3><div id="ingest"></div></section>
      <section class="panel" aria-labelledby="lag-h"><h3 id="lag-h">Consumer lag</h3><div id="lag"></div></section>
      <section class="panel" aria-labelledby="det-h"><h3 id="det-h">Detections per hour (last 24 h)</h3><div id="detections"></div></section>
      <section class="panel" aria-labelledby="del-h"><h3 id="del-h">Webhook and e-mail deliveries</h3><div id="deliveries"></div></section>
    </div>`;
  const $ = id => document.getElementById(id);
  const num = v => v === null || v === undefined ? '—' : (Math.round(v * 10) / 10).toLocaleString('en-GB');

  async function load() {
    const [health, providers] = await Promise.allSettled([api('/api/v1/dashboard/pipeline'), api('/api/v1/dashboard/providers')]);
    if (!$('pl-at')) return;
    $('pl-at').textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB', { timeZone: 'Europe/Oslo' }) + '.';
    const errors = [];
    if (providers.status === 'fulfilled') renderFreshness(providers.value); else { errors.push('Provider freshness: ' + providers.reason.message); $('freshness').innerHTML = '<p class="error">Unavailable.</p>'; }
    if (health.status === 'fulfilled') {
      const h = health.value;
      Object.entries(h.errors || {}).forEach(([k, v]) => errors.push(`${k}: ${v}`));
      const errs = h.errors || {};
      // empty lists are left out of the JSON: missing means none, unless the part is reported as an error
      renderIngest(errs.ingest ? null : (h.ingest || { bySourceType: {}, rejectedTotal: 0 }));
      renderLag(h.consumerLag || {});
      renderDetections(errs.detections ? null : (h.detectionsPerHour || []));
      renderDeliveries(h.deliveries);
    } else errors.push('Pipeline: ' + health.reason.message);
    $('pl-errors').innerHTML = errors.length ? `<div class="error"><strong>Some parts could not be read:</strong><ul>${errors.map(e => `<li>${esc(e)}</li>`).join('')}</ul></div>` : '';
  }

  function renderFreshness(list) {
    const sorted = [...list].sort((a, b) => (b.silent - a.silent) || a.providerId.localeCompare(b.providerId));
    $('freshness').innerHTML = `<table id="freshness-table"><thead><tr><th scope="col">Provider</th><th scope="col">Sources</th>
      <th scope="col">Last signal</th><th scope="col">Expected every</th><th scope="col">State</th></tr></thead><tbody>
      ${sorted.map(p => `<tr data-provider="${esc(p.providerId)}" data-silent="${p.silent}">
        <td><strong>${esc(p.name)}</strong><div class="muted">${esc(p.providerId)}</div></td>
        <td>${esc(p.sourceTypes.join(', '))}</td>
        <td>${p.lastSignalAt ? `${when(p.lastSignalAt)}<div class="muted">${ago(p.lastSignalAt)}</div>` : 'never'}</td>
        <td>${interval(p.expectedIntervalMinutes)}${p.intervalFromProvider ? '' : ' <span class="muted">(default)</span>'}</td>
        <td>${p.silent ? `<span class="flag-silent">SILENT</span><div class="muted">since ${when(p.silentSince)}</div>` : '<span class="flag-ok">✓ Sending</span>'}</td>
      </tr>`).join('')}</tbody></table>`;
  }

  function interval(min) {
    if (min % 1440 === 0) return `${min / 1440} day${min === 1440 ? '' : 's'}`;
    if (min % 60 === 0) return `${min / 60} h`;
    return `${min} min`;
  }

  function renderIngest(i) {
    if (!i) { $('ingest').innerHTML = '<p class="muted">Not available.</p>'; return; }
    const rows = Object.values(i.bySourceType || {});
    $('ingest').innerHTML = `<table id="ingest-table"><thead><tr><th scope="col">Source type</th><th scope="col">Accepted / min</th>
      <th scope="col">Rejected / min</th><th scope="col">Accepted total</th><th scope="col">Rejected total</th></tr></thead><tbody>
      ${rows.length ? rows.map(r => `<tr><td>${esc(r.sourceType)}</td><td>${num(r.acceptedPerMinute)}</td><td>${num(r.rejectedPerMinute)}</td>
        <td>${num(r.acceptedTotal)}</td><td>${num(r.rejectedTotal)}</td></tr>`).join('') : '<tr><td colspan="5">No records since ingest started.</td></tr>'}
      </tbody></table><p>Rejected records since ingest started: <strong id="rejected-total">${num(i.rejectedTotal)}</strong>.
      ${i.rateSpanSeconds ? `Rates over the last ${Math.round(i.rateSpanSeconds)} s.` : 'Rates appear from the next refresh.'}</p>`;
  }

  function renderLag(groups) {
    const rows = Object.values(groups);
    $('lag').innerHTML = rows.length ? `<table id="lag-table"><thead><tr><th scope="col">Consumer group</th><th scope="col">Records behind</th><th scope="col">Per topic</th></tr></thead><tbody>
      ${rows.map(g => `<tr><td>${esc(g.group)}</td><td><strong>${g.committedPartitions ? g.totalLag : 'no commits yet'}</strong></td>
        <td>${Object.entries(g.lagByTopic || {}).map(([t, n]) => `${esc(t)}: ${n}`).join('<br>')}</td></tr>`).join('')}</tbody></table>`
      : '<p class="muted">Not available.</p>';
  }

  function renderDetections(hours) {
    if (!hours) { $('detections').innerHTML = '<p class="muted">Not available.</p>'; return; }
    const byHour = new Map(hours.map(h => [new Date(h.hour).getTime(), h.count]));
    const now = new Date(); now.setMinutes(0, 0, 0);
    const slots = Array.from({ length: 24 }, (_, i) => now.getTime() - (23 - i) * 3600000);
    const max = Math.max(1, ...slots.map(s => byHour.get(s) || 0));
    const total = slots.reduce((a, s) => a + (byHour.get(s) || 0), 0);
    $('detections').innerHTML = `<div class="bars" aria-hidden="true">${slots.map(s => `<div data-h="${(byHour.get(s) || 0) / max}"></div>`).join('')}</div>
      <p><strong id="detections-total">${total}</strong> detections in the last 24 hours; <strong>${byHour.get(slots[23]) || 0}</strong> this hour.</p>`;
    for (const d of $('detections').querySelectorAll('.bars div')) d.style.height = Math.max(1, Number(d.dataset.h) * 100) + '%';
  }

  function renderDeliveries(d) {
    $('deliveries').innerHTML = !d ? '<p class="muted">Not available.</p>' : `<dl class="facts" id="deliveries-facts">
      <dt>Failed attempts, last hour</dt><dd>${d.failedAttemptsLastHour}</dd>
      <dt>Failed attempts, last 24 h</dt><dd>${d.failedAttemptsLastDay}</dd>
      <dt>Given up (retries exhausted)</dt><dd>${d.failedDeliveries ? `<span class="flag-silent">${d.failedDeliveries}</span>` : 0}</dd>
      <dt>Waiting for a (re)try</dt><dd>${d.pendingDeliveries}</dd></dl>`;
  }

  load().catch(() => {});
  const timer = setInterval(() => load().catch(() => {}), 10000);
  return () => clearInterval(timer);
}
