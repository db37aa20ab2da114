// Small renderers shared by the views: actors, dates, evidence with marks.

import { h } from './dom.js';
import { segments } from './spans.js';

export function actorLabel(a) {
  const code = a.id || (a.country ? `${a.country}${a.sectors.length ? ` ${a.sectors.join('+')}` : ''}`
    : a.sectors.join('+'));
  return code ? `${a.text} [${code}]` : a.text;
}

export function actors(list) {
  return list.length ? list.map(actorLabel).join('; ') : '–';
}

export function when(ev) {
  if (!ev.time || !ev.time.value) return '–';
  return ev.time.assumed ? `${ev.time.value}?` : ev.time.value;
}

export function day(iso) {
  return iso ? String(iso).slice(0, 10) : '–';
}

/** Text with marks: each segment a span carrying the classes of the spans covering it. */
export function marked(text, base, spans, onSegment) {
  const frag = document.createDocumentFragment();
  for (const seg of segments(text, base, spans)) {
    if (!seg.classes.length) {
      frag.appendChild(h('span', {}, seg.text));
      continue;
    }
    const el = h('mark', { class: seg.classes.join(' ') }, seg.text);
    if (onSegment) onSegment(el, seg);
    frag.appendChild(el);
  }
  return frag;
}

/** The evidence sentence with its trigger marked (for lists). */
export function evidence(ev) {
  const [s0] = ev.evidence.sentence;
  const [t0, t1] = ev.evidence.trigger;
  return h('span', { class: 'evidence' },
    marked(ev.evidence.text, s0, [{ start: t0, end: t1, cls: 'hl-trigger' }]));
}

/** Every span of an event, with the class the page colours it by. */
export function eventSpans(ev) {
  const spans = [{ start: ev.evidence.sentence[0], end: ev.evidence.sentence[1], cls: 'hl-sentence' },
    { start: ev.evidence.trigger[0], end: ev.evidence.trigger[1], cls: 'hl-trigger' }];
  for (const a of ev.sources) spans.push({ start: a.start, end: a.end, cls: 'hl-source' });
  for (const a of ev.targets) spans.push({ start: a.start, end: a.end, cls: 'hl-target' });
  if (ev.place) spans.push({ start: ev.place.start, end: ev.place.end, cls: 'hl-place' });
  if (ev.time && !ev.time.assumed)
    spans.push({ start: ev.time.start_char, end: ev.time.end_char, cls: 'hl-time' });
  for (const link of ev.attribution) {
    spans.push({ start: link.start, end: link.end, cls: 'hl-said-by' });
    spans.push({ start: link.cue_start, end: link.cue_end, cls: 'hl-cue' });
  }
  const fe = ev.factuality.evidence_span;
  if (fe && fe.length === 2) spans.push({ start: fe[0], end: fe[1], cls: 'hl-factuality' });
  return spans;
}

export const LEGEND = [['hl-trigger', 'trigger'], ['hl-source', 'source actor'],
  ['hl-target', 'target actor'], ['hl-place', 'place'], ['hl-time', 'time'],
  ['hl-said-by', 'said by'], ['hl-cue', 'reporting cue'], ['hl-factuality', 'factuality cue']];

export function legend() {
  return h('ul', { class: 'legend marks' },
    LEGEND.map(([cls, label]) => h('li', {}, h('mark', { class: cls }, label))));
}
