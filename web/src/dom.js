// DOM helpers. Data from the database (article text, titles, names, URLs) only ever
// reaches the page as text nodes or checked attributes: never as HTML.

// Unicode controls that reorder or hide text (bidi overrides, isolates, marks) and C0/C1
// controls other than tab and newline: shown as visible, inert markers.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Text as a fragment of text nodes, control characters made visible and inert. */
export function txt(value) {
  const frag = document.createDocumentFragment();
  const s = value == null ? '' : String(value);
  let last = 0;
  for (const m of s.matchAll(CONTROL)) {
    if (m.index > last) frag.appendChild(document.createTextNode(s.slice(last, m.index)));
    const code = m[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
    const mark = document.createElement('span');
    mark.className = 'ctrl';
    mark.title = `invisible control character U+${code}, shown and ignored`;
    mark.appendChild(document.createTextNode(`U+${code}`));
    frag.appendChild(mark);
    last = m.index + m[0].length;
  }
  if (last < s.length) frag.appendChild(document.createTextNode(s.slice(last)));
  return frag;
}

/** Plain string with control characters replaced (for attributes like title). */
export function plain(value) {
  return (value == null ? '' : String(value)).replace(CONTROL, (c) =>
    `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

const ATTRS = new Set(['class', 'id', 'title', 'type', 'name', 'value', 'placeholder', 'for',
  'role', 'tabindex', 'colspan', 'list', 'min', 'max', 'step', 'autocomplete', 'lang', 'dir']);

/**
 * h('a', {class: 'x', href: '?event=1', data: {id: 1}, on: {click: fn}}, 'text', child)
 * Strings become text nodes (through txt); attributes are limited to a safe set;
 * href is checked by safeHref.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'data') for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = plain(dv);
    else if (k === 'href') {
      const href = safeHref(v);
      if (href) el.setAttribute('href', href);
    } else if (k.startsWith('aria-') || ATTRS.has(k)) el.setAttribute(k, v === true ? '' : plain(v));
    else throw new Error(`attribute ${k} is not allowed`);
  }
  append(el, children);
  return el;
}

/** Append children: nodes as they are, strings and numbers as text, arrays flattened. */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.appendChild(c instanceof Node ? c : txt(c));
  }
  return el;
}

/** A link target that cannot run script: http(s) URLs, or page-relative query links. */
export function safeHref(value) {
  const s = String(value);
  if (s.startsWith('?') || s.startsWith('#')) return s;
  if (s.startsWith('/') && !s.startsWith('//')) return s;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Remove every child of el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}
