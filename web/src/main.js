// The tidings page: filters in the URL; timeline, map, network and events below them;
// an event view and a document view on top.

import { get } from './api.js';
import { QUAD } from './codes.js';
import { clear, h } from './dom.js';
import { renderDocument } from './docview.js';
import { renderEvent } from './eventview.js';
import { renderFilters } from './filters.js';
import { eventTable } from './list.js';
import { initMap, invalidate, showPlaces } from './map.js';
import { renderNetwork } from './network.js';
import { apiParams, FILTERS, readState, withChanges, writeState } from './state.js';
import { renderTimeline } from './timeline.js';

const $ = (id) => document.getElementById(id);
let state = readState(window.location.search);
let facets = { outlets: [] };
let generation = 0; // drops answers to requests made for an older state

function link(changes) {
  return writeState(withChanges(state, changes));
}

/** Change the state (null resets the filters), push it to the URL and redraw. */
function go(changes) {
  if (changes === null) {
    const keep = {};
    for (const k of FILTERS) keep[k] = null;
    state = withChanges(state, { ...keep, event: null, doc: null });
  } else {
    state = withChanges(state, changes);
  }
  window.history.pushState(null, '', writeState(state));
  render();
}

function setFilters(changes) {
  go({ ...changes, event: null, doc: null });
}

function showError(where, err) {
  clear(where);
  where.appendChild(h('p', { class: 'error', role: 'alert' }, err.message || String(err)));
}

async function loadEvents(gen, cursor) {
  const list = $('events');
  const page = await get('events', apiParams(state, { limit: 50, order: 'desc', cursor }));
  if (gen !== generation) return;
  if (!cursor) clear(list);
  const more = list.querySelector('.more');
  if (more) more.remove();
  list.appendChild(eventTable(page.items, link, go));
  if (page.next_cursor) {
    list.appendChild(h('button', { class: 'more', type: 'button',
      on: { click: () => loadEvents(gen, page.next_cursor).catch((e) => showError(list, e)) } },
    'More events'));
  }
}

/** Day buckets for short ranges, weeks when days would be too thin to see. */
function bucketOf() {
  if (state.bucket) return state.bucket;
  const first = state.since || facets.first;
  const last = state.until || facets.last;
  if (!first || !last) return 'day';
  return (Date.parse(last) - Date.parse(first)) / 86400000 > 120 ? 'week' : 'day';
}

function summaryLine(count) {
  const parts = [];
  if (state.q) parts.push(`matching “${state.q}”`);
  if (state.since || state.until) parts.push(`from ${state.since || '…'} to ${state.until || '…'}`);
  if (state.quad) parts.push(QUAD[state.quad]);
  for (const k of ['type', 'root', 'actor', 'country', 'place', 'outlet'])
    if (state[k]) parts.push(`${k} ${state[k]}`);
  const label = state.factuality === 'all' ? 'of any factuality'
    : state.factuality ? `labelled ${state.factuality}` : 'that happened or are reported';
  return `${count} event${count === 1 ? '' : 's'} ${label}${parts.length ? `, ${parts.join(', ')}` : ''}.`;
}

async function renderMain(gen) {
  const params = apiParams(state);
  const bucket = bucketOf();
  const by = state.by || 'type';
  const tasks = [
    get('events/count', params).then((c) => {
      if (gen === generation) $('summary').textContent = summaryLine(c.count);
    }),
    get('timeline', apiParams(state, { bucket, by })).then((t) => {
      if (gen === generation) renderTimeline($('timeline'), t, (since, until) =>
        setFilters({ since, until }));
    }),
    initMap($('map')).then(() => get('places', params)).then((p) => {
      if (gen !== generation) return;
      showPlaces(p, (pl) => setFilters({ place: pl.geonameid ? String(pl.geonameid) : pl.name }));
      $('map').dataset.places = String(p.items.length);
    }),
    get('network', params).then((n) => {
      if (gen === generation) renderNetwork($('network'), n, (node) => setFilters({ actor: node.id }));
    }),
    loadEvents(gen),
  ];
  const where = [$('summary'), $('timeline'), $('map-error'), $('network'), $('events')];
  const results = await Promise.allSettled(tasks);
  results.forEach((r, i) => { if (r.status === 'rejected' && gen === generation) showError(where[i], r.reason); });
  invalidate();
}

async function render() {
  const gen = ++generation;
  document.body.dataset.ready = 'false';
  const actors = await get('actors', apiParams(state, { limit: 200 })).catch(() => ({ items: [] }));
  renderFilters($('filter-bar'), state, facets, actors.items, setFilters);
  for (const el of document.querySelectorAll('[data-bucket-choice]'))
    el.classList.toggle('active', el.dataset.bucketChoice === bucketOf());
  for (const el of document.querySelectorAll('[data-by-choice]'))
    el.classList.toggle('active', el.dataset.byChoice === (state.by || 'type'));
  const detail = $('detail');
  const overview = $('overview');
  try {
    if (state.event || state.doc) {
      overview.hidden = true;
      detail.hidden = false;
      if (state.event) await renderEvent(detail, state.event, go, link);
      else await renderDocument(detail, state.doc, go, link);
      window.scrollTo(0, 0);
    } else {
      detail.hidden = true;
      clear(detail);
      overview.hidden = false;
      document.title = 'tidings';
      await renderMain(gen);
    }
  } catch (err) {
    showError(state.event || state.doc ? detail : $('summary'), err);
  }
  if (gen === generation) document.body.dataset.ready = 'true';
}

function wireOptions() {
  for (const el of document.querySelectorAll('[data-bucket-choice]'))
    el.addEventListener('click', () => go({ bucket: el.dataset.bucketChoice }));
  for (const el of document.querySelectorAll('[data-by-choice]'))
    el.addEventListener('click', () => go({ by: el.dataset.byChoice === 'type' ? null : el.dataset.byChoice }));
  $('clear-dates').addEventListener('click', () => setFilters({ since: null, until: null }));
}

window.addEventListener('popstate', () => {
  state = readState(window.location.search);
  render();
});

async function start() {
  wireOptions();
  try {
    facets = await get('facets');
    $('db-line').textContent = `${facets.documents} documents, ${facets.events} events`
      + (facets.first ? `, ${facets.first} to ${facets.last}` : '');
  } catch (err) {
    showError($('summary'), err);
  }
  await render();
}

start();
