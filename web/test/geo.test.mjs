// Country shapes: after fixGeometry no ring steps across the map (no streaks at ±180°).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { feature } from 'topojson-client';
import { fixGeometry, largestJump, unwrapRing } from '../src/geo.js';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
const countries = feature(topo, topo.objects.countries).features;

test('the raw data has streaks that the fix removes', () => {
  const raw = countries.filter((f) => f.geometry && largestJump(f.geometry) > 180)
    .map((f) => f.properties.name);
  assert.ok(raw.includes('Russia') && raw.includes('Fiji'), `crossing: ${raw}`);
  for (const f of countries) {
    const g = fixGeometry(f.geometry);
    if (g) assert.ok(largestJump(g) <= 180, `${f.properties.name} still jumps`);
  }
});

test('a shape across the antimeridian is drawn on both sides', () => {
  const fiji = countries.find((f) => f.properties.name === 'Fiji');
  const g = fixGeometry(fiji.geometry);
  const lons = g.coordinates.flat(2).map((p) => p[0]);
  assert.ok(lons.some((x) => x > 177 && x <= 180) && lons.some((x) => x < -179 && x >= -180));
});

test('shapes that do not cross are unchanged', () => {
  const bolivia = countries.find((f) => f.properties.name === 'Bolivia');
  const g = fixGeometry(bolivia.geometry);
  const before = (bolivia.geometry.type === 'Polygon' ? [bolivia.geometry.coordinates]
    : bolivia.geometry.coordinates);
  assert.deepEqual(g.coordinates, before);
});

test('a ring around the pole is dropped, not drawn as a band', () => {
  const antarctica = countries.find((f) => f.properties.name === 'Antarctica');
  const span = (polygon) => {
    const lons = polygon.flat().map((p) => p[0]);
    return Math.max(...lons) - Math.min(...lons);
  };
  const unwrapped = antarctica.geometry.coordinates.map((poly) => poly.map(unwrapRing));
  assert.ok(unwrapped.some((poly) => span(poly) >= 359));
  const g = fixGeometry(antarctica.geometry);
  assert.ok(g.coordinates.every((poly) => span(poly) < 359));
});

test('unwrapRing makes longitudes continuous', () => {
  assert.deepEqual(unwrapRing([[179, 0], [-179, 1], [-178, 2], [179, 0]]),
    [[179, 0], [181, 1], [182, 2], [179, 0]]);
});
