// The search box and filter bar; every change goes to the URL.

import { CAMEO_ROOTS, FACTUALITY, PLOVER_TYPES, QUAD } from './codes.js';
import { append, clear, h } from './dom.js';

function select(name, label, options, value) {
  const el = h('select', { name, id: `f-${name}`, title: label },
    options.map(([v, text]) => {
      const o = h('option', { value: v }, text);
      if (v === (value || '')) o.selected = true;
      return o;
    }));
  return h('label', { class: 'field', for: `f-${name}` }, h('span', {}, label), el);
}

function input(name, label, value, attrs = {}) {
  const el = h('input', { name, id: `f-${name}`, value: value || '', autocomplete: 'off', ...attrs });
  return h('label', { class: 'field', for: `f-${name}` }, h('span', {}, label), el);
}

/**
 * Draw the form into `root` for `state`; `onChange(changes)` is called with the changed keys.
 * `facets` gives the outlets; `actors` the suggestions for the actor box.
 */
export function renderFilters(root, state, facets, actors, onChange) {
  clear(root);
  const typeOpts = [['', 'any type'], ...PLOVER_TYPES.map((t) => [t, t])];
  const rootOpts = [['', 'any root'], ...Object.entries(CAMEO_ROOTS).map(([k, v]) => [k, `${k} ${v}`])];
  const quadOpts = [['', 'any class'], ...Object.entries(QUAD).map(([k, v]) => [k, `${k} ${v}`])];
  const factOpts = [['', 'happened or reported (default)'], ['all', 'every label'],
    ...FACTUALITY.map((f) => [f, `only ${f}`])];
  const outletOpts = [['', 'any outlet'], ...(facets.outlets || []).map((o) => [o, o])];
  const list = h('datalist', { id: 'actor-list' },
    actors.map((a) => h('option', { value: a.node }, a.name || a.node)));

  const form = h('form', { id: 'filters', role: 'search' },
    h('div', { class: 'searchrow' },
      h('input', { id: 'f-q', name: 'q', type: 'search', value: state.q || '',
        placeholder: 'Search the articles…', 'aria-label': 'Search the articles' }),
      h('button', { type: 'submit' }, 'Search'),
      h('button', { type: 'button', id: 'reset', on: { click: () => onChange(null) } }, 'Clear all')),
    h('div', { class: 'filterrow' },
      input('since', 'From', state.since, { type: 'date' }),
      input('until', 'To', state.until, { type: 'date' }),
      select('type', 'Type', typeOpts, state.type),
      select('root', 'CAMEO root', rootOpts, state.root),
      select('quad', 'Quad class', quadOpts, state.quad),
      input('actor', 'Actor', state.actor, { list: 'actor-list', placeholder: 'id or name' }),
      input('country', 'Country', state.country, { placeholder: 'ISO-3, e.g. BOL' }),
      input('place', 'Place', state.place, { placeholder: 'name or GeoNames id' }),
      select('factuality', 'Factuality', factOpts, state.factuality),
      select('outlet', 'Outlet', outletOpts, state.outlet)),
    list);

  const read = () => {
    const changes = {};
    for (const el of form.elements) if (el.name) changes[el.name] = el.value.trim();
    return changes;
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onChange(read());
  });
  for (const el of form.querySelectorAll('select, input[type=date]'))
    el.addEventListener('change', () => onChange(read()));
  for (const el of form.querySelectorAll('input:not([type=date]):not([type=search])'))
    el.addEventListener('change', () => onChange(read()));
  append(root, [form]);
}
