// Formatting helpers shared by the views: safe HTML, dates in Norwegian time, readable names.
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MODERATE', 'LOW', 'INFO'];
export const STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'DISMISSED'];

export function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? esc(iso) : d.toLocaleString('en-GB', { timeZone: 'Europe/Oslo', dateStyle: 'medium', timeStyle: 'short' });
}

export function ago(iso) {
  if (!iso) return 'never';
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

export function sevBadge(sev) {
  return `<span class="sev sev-${esc(sev)}">${esc(sev)}</span>`;
}

export function human(name) {
  return String(name ?? '').toLowerCase().replace(/_/g, ' ').replace(/^./, c => c.toUpperCase());
}

export function sevRank(sev) { return SEVERITIES.length - SEVERITIES.indexOf(sev); }
