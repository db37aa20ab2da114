// The document view: the article's text with every event's trigger and sentence marked.

import { get } from './api.js';
import { clear, h, safeHref } from './dom.js';
import { day, marked } from './render.js';
import { eventTable } from './list.js';
import { paragraphs } from './spans.js';

/** Fetch and draw document `id` into `root`. */
export async function renderDocument(root, id, go, link) {
  clear(root);
  root.appendChild(h('p', { class: 'loading' }, 'Loading…'));
  const doc = await get(`documents/${encodeURIComponent(id)}`);
  const evs = (await get(`documents/${encodeURIComponent(id)}/events`)).items;
  const spans = [];
  for (const ev of evs) {
    spans.push({ start: ev.evidence.sentence[0], end: ev.evidence.sentence[1], cls: 'hl-sentence' });
    spans.push({ start: ev.evidence.trigger[0], end: ev.evidence.trigger[1], cls: 'hl-trigger',
      data: { id: ev.id, type: ev.type } });
  }
  const onSegment = (el, seg) => {
    if (!seg.data.length) return;
    const target = seg.data[0];
    el.title = seg.data.map((d) => d.type).join(', ');
    el.dataset.event = target.id;
    el.tabIndex = 0;
    el.addEventListener('click', () => go({ event: target.id, doc: null }));
    el.addEventListener('keydown', (e) => { if (e.key === 'Enter') go({ event: target.id, doc: null }); });
  };
  const url = doc.url && safeHref(doc.url);
  clear(root);
  root.appendChild(h('article', { class: 'doc-view', data: { id: doc.id } },
    h('p', {}, h('a', { href: link({ event: null, doc: null }), class: 'back',
      on: { click: (e) => { e.preventDefault(); go({ event: null, doc: null }); } } }, '← back to the events')),
    h('h2', { class: 'title' }, doc.title || '(no title)'),
    h('p', { class: 'source-line' }, `${doc.outlet || 'unknown outlet'} · ${day(doc.published_at)} · `,
      url ? h('a', { href: url, rel: null, class: 'external' }, doc.url)
        : h('span', { class: 'url-text' }, doc.url || 'no URL'),
      ` · ${evs.length} event${evs.length === 1 ? '' : 's'}`),
    h('div', { class: 'doc-text', lang: doc.language || 'en' },
      paragraphs(doc.text).map((p) => h('p', {}, marked(p.text, p.start, spans, onSegment)))),
    h('h3', {}, 'Events in this article'),
    evs.length ? eventTable(evs, link, go) : h('p', { class: 'muted' }, 'No events found in it.')));
  for (const a of root.querySelectorAll('a.external')) {
    a.setAttribute('rel', 'noopener noreferrer nofollow');
    a.setAttribute('target', '_blank');
  }
  document.title = `${doc.title || 'Document'} · tidings`;
}
