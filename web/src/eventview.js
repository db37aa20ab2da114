// The event view: the evidence in its paragraph with every argument marked, the facts,
// the attribution chain, the factuality and its evidence, and the other reports.

import { get } from './api.js';
import { CAMEO_ROOTS, QUAD } from './codes.js';
import { clear, h } from './dom.js';
import { actorLabel, day, evidence, legend, marked, eventSpans, when } from './render.js';
import { paragraphAround } from './spans.js';

function fact(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function actorList(list) {
  if (!list.length) return '–';
  return h('ul', { class: 'plain' }, list.map((a) => h('li', {}, actorLabel(a),
    a.name && a.name !== a.text ? h('span', { class: 'muted' }, ` ${a.name}`) : null,
    a.method ? h('span', { class: 'muted' }, ` (${a.method})`) : null)));
}

function place(p) {
  if (!p) return '–';
  const where = [p.name || p.text, p.admin1, p.country].filter(Boolean).join(', ');
  const coords = p.lat != null ? ` ${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}` : '';
  return [where, h('span', { class: 'muted' },
    `${coords}${p.geonameid ? ` · GeoNames ${p.geonameid}` : ''}${p.method ? ` · ${p.method}` : ''}`)];
}

function time(t) {
  if (!t) return '–';
  const range = t.start && t.end && t.start !== t.end ? ` (${t.start} – ${t.end})` : '';
  const src = t.assumed ? 'no time in the text: the publication date is assumed'
    : `“${t.text}”${t.anchor ? `, resolved against ${t.anchor}` : ''}`;
  return [`${t.value || '?'}${range}`, h('span', { class: 'muted' }, ` ${t.granularity} · ${src}`)];
}

/** The attribution chain as a row of links: outlet → agency → source. */
export function chain(ev) {
  if (!ev.attribution.length) return h('p', { class: 'muted' }, 'No attribution found.');
  const items = [];
  ev.attribution.forEach((link, i) => {
    if (i) items.push(h('li', { class: 'arrow', 'aria-hidden': 'true' }, '→'));
    items.push(h('li', { class: `link kind-${link.kind}` },
      h('span', { class: 'kind' }, link.kind),
      h('span', { class: 'name' }, link.name || link.text || '?'),
      link.cue ? h('span', { class: 'cue' }, `“${link.cue}”`) : null));
  });
  return h('ol', { class: 'chain' }, items);
}

function otherReports(ev, cluster, go, link) {
  if (!cluster) return h('p', { class: 'muted' }, ev.cluster_id ? 'The cluster could not be loaded.'
    : 'This event is not linked to other reports (yet).');
  const others = cluster.events.filter((e) => e.id !== ev.id);
  const docs = new Map(cluster.documents.map((d) => [d.id, d]));
  const c = cluster.cluster;
  return h('div', {},
    h('p', {}, `${c.n_events} reports in ${c.n_documents} documents from ${c.n_outlets} outlets; `
      + `first seen ${day(c.first_seen)}, last seen ${day(c.last_seen)}.`),
    others.length ? h('ul', { class: 'reports' }, others.map((o) => {
      const d = docs.get(o.document_id) || {};
      return h('li', {},
        h('a', { href: link({ event: o.id, doc: null }), on: { click: (e) => { e.preventDefault(); go({ event: o.id }); } } },
          `${d.outlet || 'unknown outlet'} · ${day(d.published_at)}`),
        ' ', h('span', { class: `fact fact-${o.factuality.label}` }, o.factuality.label), ' ',
        evidence(o));
    })) : h('p', { class: 'muted' }, 'No other report of this event.'));
}

/** Fetch and draw event `id` into `root`. */
export async function renderEvent(root, id, go, link) {
  clear(root);
  root.appendChild(h('p', { class: 'loading' }, 'Loading…'));
  const ev = await get(`events/${encodeURIComponent(id)}`);
  const doc = await get(`documents/${encodeURIComponent(ev.document_id)}`);
  let cluster = null;
  if (ev.cluster_id) {
    try {
      cluster = await get(`clusters/${encodeURIComponent(ev.cluster_id)}`);
    } catch {
      cluster = null;
    }
  }
  const para = paragraphAround(doc.text, ev.evidence.sentence[0], ev.evidence.sentence[1]);
  const f = ev.factuality;
  const factEvidence = f.evidence ? [' because of ', h('mark', { class: 'hl-factuality' }, f.evidence)] : [];
  clear(root);
  root.appendChild(h('article', { class: 'event-view', data: { id: ev.id } },
    h('p', {}, h('a', { href: link({ event: null, doc: null }), class: 'back',
      on: { click: (e) => { e.preventDefault(); go({ event: null, doc: null }); } } }, '← back to the events')),
    h('h2', {}, `${ev.type}${ev.mode ? ` (${ev.mode})` : ''}: `,
      h('span', { class: 'headline' }, `${actorsShort(ev.sources)} → ${actorsShort(ev.targets)}`)),
    h('p', { class: 'source-line' },
      h('a', { href: link({ doc: ev.document_id, event: null }), class: 'doc-link',
        on: { click: (e) => { e.preventDefault(); go({ doc: ev.document_id, event: null }); } } },
      doc.title || 'the article'), ` · ${doc.outlet || 'unknown outlet'} · ${day(doc.published_at)}`),
    h('section', {}, h('h3', {}, 'Evidence'),
      h('blockquote', { class: 'paragraph', lang: doc.language || 'en' },
        marked(doc.text.slice(para.start, para.end), para.start, eventSpans(ev))),
      legend()),
    h('section', { class: 'two' },
      h('div', {}, h('h3', {}, 'Event'), h('dl', { class: 'facts' },
        fact('Type', `${ev.type}${ev.mode ? ` / ${ev.mode}` : ''}`,
          ev.context.length ? ` · ${ev.context.join(', ')}` : ''),
        fact('CAMEO', `${ev.cameo.code} (root ${ev.cameo.root}: ${CAMEO_ROOTS[ev.cameo.root] || '?'})`),
        fact('Quad class', `${ev.cameo.quad_class} ${QUAD[ev.cameo.quad_class] || ''}`,
          ` · Goldstein ${ev.cameo.goldstein}`),
        ev.acled ? fact('ACLED', `${ev.acled.event_type} / ${ev.acled.sub_event_type}`) : null,
        fact('Source', actorList(ev.sources)),
        fact('Target', actorList(ev.targets)),
        fact('Where', place(ev.place)),
        fact('When', time(ev.time)),
        fact('Confidence', String(ev.confidence)))),
      h('div', {}, h('h3', {}, 'According to'), chain(ev),
        h('h3', {}, 'Factuality'),
        h('p', { class: 'factuality-line' }, h('span', { class: `fact fact-${f.label}` }, f.label),
          ` (score ${f.score} on −3…+3)`, factEvidence))),
    h('section', {}, h('h3', {}, 'Other reports of the same event'),
      otherReports(ev, cluster, go, link))));
  document.title = `${ev.type} · tidings`;
  return { when: when(ev) };
}

function actorsShort(list) {
  return list.length ? list.map((a) => a.name || a.text).join(', ') : '?';
}
