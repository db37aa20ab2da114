// The page's state lives in the URL query string, so that any view can be shared.

export const FILTERS = ['q', 'since', 'until', 'type', 'root', 'quad', 'actor', 'country',
  'place', 'factuality', 'outlet'];
export const VIEW = ['event', 'doc'];
export const OPTIONS = ['bucket', 'by'];

/** The state read from a query string. */
export function readState(search) {
  const p = new URLSearchParams(search);
  const s = {};
  for (const k of [...FILTERS, ...VIEW, ...OPTIONS]) {
    const v = p.get(k);
    if (v != null && v !== '') s[k] = v;
  }
  return s;
}

/** The query string for a state (keys in a fixed order, empty values left out). */
export function writeState(state) {
  const p = new URLSearchParams();
  for (const k of [...FILTERS, ...VIEW, ...OPTIONS]) {
    const v = state[k];
    if (v != null && v !== '') p.set(k, v);
  }
  const q = p.toString();
  return q ? `?${q}` : '?';
}

/** The API query parameters for the state's filters. */
export function apiParams(state, extra = {}) {
  const p = new URLSearchParams();
  const map = { q: 'q', since: 'since', until: 'until', type: 'type', root: 'root',
    quad: 'quad_class', actor: 'actor', country: 'country', place: 'place', outlet: 'outlet' };
  for (const [k, api] of Object.entries(map)) if (state[k]) p.set(api, state[k]);
  if (state.factuality === 'all') p.set('all', 'true');
  else if (state.factuality) p.set('factuality', state.factuality);
  for (const [k, v] of Object.entries(extra)) if (v != null && v !== '') p.set(k, v);
  return p;
}

/** The state with some keys changed (null removes a key). */
export function withChanges(state, changes) {
  const out = { ...state };
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}
