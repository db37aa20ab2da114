// Highlighting by character offsets: cut a text into segments, each carrying the
// classes of every span that covers it, so that overlapping marks nest correctly.

/**
 * segments('abcdef', 0, [{start: 1, end: 3, cls: 'x'}]) ->
 *   [{text: 'a', classes: []}, {text: 'bc', classes: ['x']}, {text: 'def', classes: []}]
 * Offsets are into the whole document; `base` is where `text` starts in it. Spans outside
 * the text are clipped or dropped; a span's `data` is kept on the segments it covers.
 */
export function segments(text, base, spans) {
  const cuts = new Set([0, text.length]);
  const inside = [];
  for (const s of spans) {
    if (s == null || s.start == null || s.end == null) continue;
    const a = Math.max(0, s.start - base);
    const b = Math.min(text.length, s.end - base);
    if (!(a < b)) continue;
    inside.push({ ...s, a, b });
    cuts.add(a);
    cuts.add(b);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const covering = inside.filter((s) => s.a <= a && s.b >= b);
    out.push({
      text: text.slice(a, b),
      start: base + a,
      classes: [...new Set(covering.map((s) => s.cls))],
      data: covering.filter((s) => s.data).map((s) => s.data),
    });
  }
  return out;
}

/** The paragraph (between line breaks) of `text` that holds [start, end). */
export function paragraphAround(text, start, end) {
  const a = text.lastIndexOf('\n', Math.max(0, start - 1));
  const b = text.indexOf('\n', end);
  return { start: a < 0 ? 0 : a + 1, end: b < 0 ? text.length : b };
}

/** Paragraphs of a document with their offsets (empty lines dropped). */
export function paragraphs(text) {
  const out = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) out.push({ start: pos, end: pos + line.length, text: line });
    pos += line.length + 1;
  }
  return out;
}
