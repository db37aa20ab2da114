// Highlight segmentation and URL state: pure functions of the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paragraphAround, paragraphs, segments } from '../src/spans.js';
import { apiParams, readState, withChanges, writeState } from '../src/state.js';

test('overlapping spans cut the text into segments with every covering class', () => {
  const text = 'Police fired tear gas.';
  const segs = segments(text, 100, [
    { start: 100, end: 122, cls: 'sentence' },
    { start: 107, end: 112, cls: 'trigger' },
    { start: 100, end: 106, cls: 'source' },
  ]);
  assert.equal(segs.map((s) => s.text).join(''), text);
  assert.deepEqual(segs.map((s) => [s.text, s.classes.sort()]), [
    ['Police', ['sentence', 'source']],
    [' ', ['sentence']],
    ['fired', ['sentence', 'trigger']],
    [' tear gas.', ['sentence']],
  ]);
});

test('spans outside the text, empty or without offsets are left out', () => {
  const segs = segments('abc', 10, [{ start: 0, end: 5, cls: 'x' }, { start: 11, end: 11, cls: 'y' },
    { start: null, end: 12, cls: 'z' }, { start: 12, end: 99, cls: 'w' }]);
  assert.deepEqual(segs.map((s) => [s.text, s.classes]), [['ab', []], ['c', ['w']]]);
});

test('paragraphs and the paragraph around a sentence keep document offsets', () => {
  const text = 'One.\n\nTwo three.\nFour.';
  const ps = paragraphs(text);
  assert.deepEqual(ps.map((p) => [p.text, text.slice(p.start, p.end)]),
    [['One.', 'One.'], ['Two three.', 'Two three.'], ['Four.', 'Four.']]);
  const p = paragraphAround(text, 10, 16);
  assert.equal(text.slice(p.start, p.end), 'Two three.');
});

test('the URL state round-trips and maps to API parameters', () => {
  const s = readState('?type=PROTEST&since=2023-01-01&factuality=all&event=abc&junk=1');
  assert.deepEqual(s, { type: 'PROTEST', since: '2023-01-01', factuality: 'all', event: 'abc' });
  assert.deepEqual(readState(writeState(s)), s);
  const p = apiParams(withChanges(s, { quad: '4', event: null }));
  assert.equal(p.get('quad_class'), '4');
  assert.equal(p.get('all'), 'true');
  assert.equal(p.get('event'), null);
});
