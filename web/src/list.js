// The list of matching events, a page at a time.

import { h } from './dom.js';
import { actors, day, evidence, when } from './render.js';

function outlet(ev) {
  const first = ev.attribution[0];
  return first && first.kind === 'outlet' && first.name
    ? h('div', { class: 'outlet muted' }, `— ${first.name}`) : null;
}

/** A table of events; `link(changes)` makes a URL for the view change. */
export function eventTable(items, link, go) {
  const rows = items.map((ev) => {
    const href = link({ event: ev.id, doc: null });
    const open = (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button === 1) return;
      e.preventDefault();
      go({ event: ev.id, doc: null });
    };
    return h('tr', { class: `event q${ev.cameo.quad_class}`, data: { id: ev.id } },
      h('td', { class: 'when' }, when(ev)),
      h('td', { class: 'type' }, h('a', { href, on: { click: open } }, ev.type),
        h('div', { class: 'code' }, `CAMEO ${ev.cameo.code}`)),
      h('td', { class: 'factuality' }, h('span', { class: `fact fact-${ev.factuality.label}` },
        ev.factuality.label)),
      h('td', { class: 'who' }, actors(ev.sources), ' → ', actors(ev.targets)),
      h('td', { class: 'where' }, ev.place ? ev.place.name || ev.place.text : '–'),
      h('td', { class: 'sentence' }, evidence(ev), outlet(ev)));
  });
  return h('table', { class: 'events' },
    h('thead', {}, h('tr', {}, ['When', 'Type', 'Factuality', 'Who → whom', 'Where', 'Evidence']
      .map((c) => h('th', {}, c)))),
    h('tbody', {}, rows));
}

export { day };
