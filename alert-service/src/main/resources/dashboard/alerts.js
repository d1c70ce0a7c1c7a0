// Alerts view: the list from the API, kept live by the SSE stream; sorted by severity, then latest detection.
import { api, eventStream } from './api.js';
import { esc, when, sevBadge, human, sevRank, SEVERITIES, STATUSES } from './format.js';
import { catalogue, regionName } from './catalogue.js';

const ACTIVE = 'OPEN,ACKNOWLEDGED';

/** What an alert is about: its substance or class, else its rule (e.g. Provider silent). */
export function title(a) {
  return a.substanceName || a.substance || (a.substanceClass ? human(a.substanceClass) : human((a.rules || [])[0] || a.ruleFamily));
}

export function alertsView(main) {
  const saved = JSON.parse(sessionStorage.getItem('rusvarsel.filters') || '{"status":"' + ACTIVE + '"}');
  const alerts = new Map();
  const fresh = new Set();
  let cat = null;

  main.innerHTML = `
    <h2>Alerts</h2>
    <form class="filters" id="filters" aria-label="Filter alerts">
      <div><label for="f-status">Status</label>
        <select id="f-status"><option value="${ACTIVE}">Active (open or acknowledged)</option>
          <option value="">Any status</option>${STATUSES.map(s => `<option value="${s}">${human(s)}</option>`).join('')}</select></div>
      <div><label for="f-severity">Minimum severity</label>
        <select id="f-severity"><option value="">Any severity</option>${SEVERITIES.map(s => `<option value="${s}">${human(s)} or worse</option>`).join('')}</select></div>
      <div><label for="f-region">Region</label>
        <select id="f-region"><option value="">All of Norway</option></select></div>
      <p class="live" id="live" role="status" aria-live="polite">Connecting…</p>
    </form>
    <div id="alerts-error" role="alert"></div>
    <table id="alerts-table" aria-describedby="alerts-caption">
      <caption id="alerts-caption" class="muted">Most severe first, then most recently detected. New alerts appear without reloading.</caption>
      <thead><tr><th scope="col">Severity</th><th scope="col">Status</th><th scope="col">What</th>
        <th scope="col">Region</th><th scope="col" class="hide-narrow">Kind</th><th scope="col">Last detected</th></tr></thead>
      <tbody id="alerts-body"><tr><td colspan="6" class="loading">Loading alerts…</td></tr></tbody>
    </table>`;
  const $ = id => document.getElementById(id);
  $('f-status').value = saved.status ?? ACTIVE;
  $('f-severity').value = saved.minSeverity || '';

  catalogue().then(c => {
    cat = c;
    $('f-region').insertAdjacentHTML('beforeend', c.counties.map(r => `<option value="${esc(r.code)}">${esc(r.name)} (${esc(r.code)})</option>`).join(''));
    $('f-region').value = saved.region || '';
    render();
  }).catch(() => {});

  function filters() { return { status: $('f-status').value, minSeverity: $('f-severity').value, region: $('f-region').value }; }

  function matches(a) {
    const f = filters();
    if (f.status && !f.status.split(',').includes(a.status)) return false;
    if (f.minSeverity && sevRank(a.severity) < sevRank(f.minSeverity)) return false;
    if (f.region && a.county !== f.region && !(a.regions || []).includes(f.region)) return false;
    return true;
  }

  async function load() {
    const f = filters();
    sessionStorage.setItem('rusvarsel.filters', JSON.stringify(f));
    const q = new URLSearchParams({ size: '500' });
    if (f.status) q.set('status', f.status);
    if (f.minSeverity) q.set('minSeverity', f.minSeverity);
    if (f.region) q.set('region', f.region);
    try {
      const page = await api('/api/v1/alerts?' + q);
      alerts.clear();
      const items = page.items || []; // an empty list is left out of the JSON
      for (const a of items) alerts.set(a.alertId, a);
      $('alerts-error').innerHTML = page.total > items.length
        ? `<p class="notice">Showing ${items.length} of ${page.total} alerts; narrow the filters to see the rest.</p>` : '';
      render();
    } catch (e) {
      $('alerts-error').innerHTML = `<p class="error">${esc(e.message)}</p>`;
    }
  }

  function render() {
    const rows = [...alerts.values()].filter(matches).sort((a, b) =>
      (sevRank(b.severity) - sevRank(a.severity)) || (new Date(b.lastDetectedAt) - new Date(a.lastDetectedAt)));
    $('alerts-body').innerHTML = rows.length === 0
      ? '<tr><td colspan="6">No alerts match these filters.</td></tr>'
      : rows.map(a => `
        <tr data-alert-id="${esc(a.alertId)}" data-severity="${esc(a.severity)}" class="${fresh.has(a.alertId) ? 'is-new' : ''}">
          <td>${sevBadge(a.severity)}</td>
          <td><span class="status status-${esc(a.status)}">${human(a.status)}</span></td>
          <td><a href="#/alerts/${encodeURIComponent(a.alertId)}">${esc(title(a))}</a>
              ${fresh.has(a.alertId) ? '<span class="new-tag">NEW</span>' : ''}
              <div class="muted">${esc(a.summary)}</div></td>
          <td>${esc(regionName(cat, a.region))}</td>
          <td class="hide-narrow">${esc((a.rules || []).map(human).join(', '))}</td>
          <td>${when(a.lastDetectedAt)}</td>
        </tr>`).join('');
  }

  async function onEvent(event) {
    try {
      const detail = await api('/api/v1/alerts/' + encodeURIComponent(event.alertId));
      if (!alerts.has(event.alertId) || event.type === 'OPENED' || event.type === 'ESCALATED' || event.type === 'REOPENED') fresh.add(event.alertId);
      alerts.set(event.alertId, detail.alert);
      render();
    } catch (e) { /* shown on next load */ }
  }

  function state(s) {
    const live = $('live');
    if (!live) return;
    live.className = 'live ' + (s === 'on' ? 'on' : 'off');
    live.textContent = s === 'on' ? 'Live' : s === 'denied' ? 'Live updates refused' : 'Reconnecting…';
    if (s === 'on') load(); // catch anything that changed before the stream was connected
  }

  $('filters').addEventListener('change', load);
  $('filters').addEventListener('submit', e => e.preventDefault());
  load();
  const stop = eventStream('/api/v1/alerts/stream', { onEvent, onState: state });
  return stop;
}
