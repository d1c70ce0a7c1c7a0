// Situation: county × substance-class heatmap for 7 or 28 days; a cell opens its trend per source type as an SVG chart.
import { api } from './api.js';
import { esc, human } from './format.js';
import { catalogue } from './catalogue.js';

const SMALL = '<5';
const COLOURS = ['#1b4f9c', '#b3261e', '#0f6b2f', '#8a4b00', '#6a1b9a'];
const DASHES = ['', '6 3', '2 3', '10 4 2 4', '1 1'];

/** A cell's value: the sum of its numbers, plus whether masked small counts ("<5") are in it. */
function add(cell, count) {
  if (count === SMALL) cell.masked = true; else cell.n += Number(count) || 0;
  return cell;
}
export function label(cell) {
  if (!cell || (cell.n === 0 && !cell.masked)) return '0';
  if (cell.masked && cell.n === 0) return SMALL;
  return cell.masked ? `${cell.n} + ${SMALL}` : String(cell.n);
}

export function situationView(main) {
  let days = Number(sessionStorage.getItem('rusvarsel.days') || 7);
  let data = null, cat = null, selected = null;
  main.innerHTML = `
    <h2>Situation</h2>
    <div class="panel">
      <fieldset class="period"><legend>Period</legend>
        <label><input type="radio" name="days" value="7"> Last 7 days</label>
        <label><input type="radio" name="days" value="28"> Last 28 days</label>
      </fieldset>
      <p class="muted" id="sit-note"></p>
      <div id="sit-error" role="alert"></div>
      <div class="heatmap-wrap" id="heatmap"><p class="loading">Loading the situation picture…</p></div>
      <div class="legend" aria-hidden="true">Fewer <span class="swatch" id="lg0"></span><span class="swatch" id="lg1"></span>
        <span class="swatch" id="lg2"></span><span class="swatch" id="lg3"></span> More</div>
    </div>
    <section class="panel" id="trend" aria-live="polite"><p class="muted">Choose a cell to see its trend per source type.</p></section>`;
  const $ = id => document.getElementById(id);
  [0, 0.33, 0.66, 1].forEach((t, i) => { $('lg' + i).style.background = shade(t); });
  for (const r of main.querySelectorAll('input[name=days]')) {
    r.checked = Number(r.value) === days;
    r.addEventListener('change', () => { days = Number(r.value); sessionStorage.setItem('rusvarsel.days', days); load(); });
  }

  async function load() {
    try {
      [cat, data] = await Promise.all([catalogue(), api('/api/v1/dashboard/situation?days=' + days)]);
      data.counts = data.counts || []; // an empty list is left out of the JSON
      $('sit-error').innerHTML = '';
      render();
      if (selected) trend(selected.county, selected.cls);
    } catch (e) {
      $('sit-error').innerHTML = `<p class="error">${esc(e.message)}</p>`;
    }
  }

  function grid() {
    const cells = new Map();
    for (const c of data.counts) {
      const county = String(c.region).slice(0, 2);
      const key = county + '|' + c.substanceClass;
      cells.set(key, add(cells.get(key) || { n: 0, masked: false }, c.count));
    }
    return cells;
  }

  function render() {
    const cells = grid();
    const classes = [...new Set([...(cat.substanceClasses || []), ...data.counts.map(c => c.substanceClass)])];
    const max = Math.max(1, ...[...cells.values()].map(c => c.n + (c.masked ? 4 : 0)));
    $('sit-note').textContent = `${data.from} to ${data.to} (Norwegian dates), counts of observations per county and substance class.`
      + (data.smallCountsMasked ? ' Patient-event counts from 1 to 4 are shown as <5.' : '');
    $('heatmap').innerHTML = `<table class="heatmap" id="heatmap-table">
      <caption class="muted">Rows: counties. Columns: substance classes. Each cell is a button showing its count.</caption>
      <thead><tr><th scope="col">County</th>${classes.map(k => `<th scope="col" class="cls">${esc(human(k))}</th>`).join('')}</tr></thead>
      <tbody>${cat.counties.map(county => `<tr><th scope="row" class="county">${esc(county.name)}</th>${classes.map(k => {
        const cell = cells.get(county.code + '|' + k);
        const text = label(cell);
        const empty = text === '0';
        const attrs = `data-county="${esc(county.code)}" data-class="${esc(k)}" data-count="${esc(text)}"`;
        return empty ? `<td><span class="cell zero" ${attrs}>0</span></td>`
          : `<td><button type="button" class="cell" ${attrs} aria-label="${esc(county.name)}, ${esc(human(k))}: ${esc(text)}"
          aria-pressed="${selected && selected.county === county.code && selected.cls === k}">${esc(text)}</button></td>`;
      }).join('')}</tr>`).join('')}</tbody></table>`;
    for (const b of $('heatmap').querySelectorAll('button.cell')) {
      const cell = cells.get(b.dataset.county + '|' + b.dataset.class);
      if (cell) {
        const t = (cell.n + (cell.masked ? 2.5 : 0)) / max;
        b.style.background = shade(t);
        if (t > 0.5) b.classList.add('dark');
      }
      b.addEventListener('click', () => {
        selected = { county: b.dataset.county, cls: b.dataset.class };
        for (const o of $('heatmap').querySelectorAll('button.cell')) o.setAttribute('aria-pressed', String(o === b));
        trend(selected.county, selected.cls);
        $('trend').scrollIntoView({ block: 'start' });
      });
    }
  }

  function trend(county, cls) {
    const countyName = (cat.counties.find(c => c.code === county) || { name: county }).name;
    const dates = [];
    for (let d = new Date(data.from + 'T00:00:00Z'); d <= new Date(data.to + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + 1)) {
      dates.push(d.toISOString().slice(0, 10));
    }
    const series = new Map();
    for (const c of data.counts) {
      if (String(c.region).slice(0, 2) !== county || c.substanceClass !== cls) continue;
      const s = series.get(c.sourceType) || new Map();
      s.set(c.date, add(s.get(c.date) || { n: 0, masked: false }, c.count));
      series.set(c.sourceType, s);
    }
    const W = 720, H = 260, L = 40, R = 10, T = 14, B = 40;
    const values = [...series.values()].flatMap(s => [...s.values()].map(v => v.n + (v.masked ? 4 : 0)));
    const ymax = Math.max(4, ...values);
    const x = i => L + (dates.length === 1 ? 0 : i * (W - L - R) / (dates.length - 1));
    const y = v => T + (H - T - B) * (1 - v / ymax);
    let svg = `<svg class="chart" id="trend-chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="trend-title">`;
    svg += `<line x1="${L}" y1="${y(0)}" x2="${W - R}" y2="${y(0)}" stroke="#4a5460"/><line x1="${L}" y1="${T}" x2="${L}" y2="${y(0)}" stroke="#4a5460"/>`;
    svg += `<text x="${L - 6}" y="${y(ymax) + 4}" text-anchor="end" font-size="12">${ymax}</text><text x="${L - 6}" y="${y(0) + 4}" text-anchor="end" font-size="12">0</text>`;
    const step = Math.ceil(dates.length / 7);
    dates.forEach((d, i) => {
      const anchor = i === dates.length - 1 ? 'end' : i === 0 ? 'start' : 'middle';
      if (i % step === 0 || i === dates.length - 1) svg += `<text x="${x(i)}" y="${H - 18}" text-anchor="${anchor}" font-size="11">${d.slice(5)}</text>`;
    });
    [...series.keys()].forEach((type, si) => {
      const s = series.get(type);
      const pts = dates.map((d, i) => `${x(i)},${y(s.get(d) ? s.get(d).n : 0)}`).join(' ');
      svg += `<polyline fill="none" stroke="${COLOURS[si % 5]}" stroke-width="2.5" stroke-dasharray="${DASHES[si % 5]}" points="${pts}"/>`;
      dates.forEach((d, i) => {
        const v = s.get(d);
        if (v && v.masked) svg += `<text x="${x(i)}" y="${y(v.n) - 6}" text-anchor="middle" font-size="11" fill="${COLOURS[si % 5]}">&lt;5</text>`;
      });
      svg += `<text x="${L + 8 + si * 140}" y="${H - 2}" font-size="12" fill="${COLOURS[si % 5]}">— ${esc(type)}</text>`;
    });
    svg += '</svg>';
    $('trend').innerHTML = `<h3 id="trend-title">${esc(human(cls))} in ${esc(countyName)}: per day and source type</h3>${svg}
      <table id="trend-table"><caption class="muted">The same numbers as a table</caption>
        <thead><tr><th scope="col">Date</th>${[...series.keys()].map(t => `<th scope="col">${esc(t)}</th>`).join('')}</tr></thead>
        <tbody>${dates.filter(d => [...series.values()].some(s => s.has(d))).map(d => `<tr><td>${d}</td>${[...series.values()].map(s => `<td>${esc(label(s.get(d)))}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  }

  load();
  const timer = setInterval(load, 30000);
  return () => clearInterval(timer);
}

/** White → dark blue, readable with the text on it (the count is always printed). */
function shade(t) {
  const a = [255, 255, 255], b = [16, 52, 120];
  const mix = a.map((v, i) => Math.round(v + (b[i] - v) * Math.min(1, Math.max(0, t))));
  return `rgb(${mix.join(',')})`;
}
