// Country shapes without streaks across the antimeridian.
//
// Rings that cross ±180° in the world-atlas data jump from one edge of the map to the
// other; drawn flat, that jump is a line across the whole world. Each ring is unwrapped
// (longitudes made continuous), and a polygon that then reaches past ±180° is drawn twice,
// shifted by 360°, so that each copy is cut only by the edge of the world.

/** A ring with continuous longitudes (no step larger than 180°). */
export function unwrapRing(ring) {
  const out = [];
  let shift = 0;
  for (let i = 0; i < ring.length; i++) {
    const [lon, lat] = ring[i];
    if (i > 0) {
      const prev = ring[i - 1][0];
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
    }
    out.push([lon + shift, lat]);
  }
  return out;
}

function shifted(polygon, dx) {
  return polygon.map((ring) => ring.map(([lon, lat]) => [lon + dx, lat]));
}

/** Polygons (arrays of rings) unwrapped, with shifted copies where they pass ±180°. */
export function splitPolygons(polygons) {
  const out = [];
  for (const polygon of polygons) {
    const rings = polygon.map(unwrapRing);
    const lons = rings.flat().map((p) => p[0]);
    const min = Math.min(...lons);
    const max = Math.max(...lons);
    if (max - min >= 359) continue; // goes all the way round (Antarctica): a pole, not a shape
    out.push(rings);
    if (max > 180) out.push(shifted(rings, -360));
    if (min < -180) out.push(shifted(rings, 360));
  }
  return out;
}

/** A GeoJSON geometry made drawable on a flat map (MultiPolygon, or null). */
export function fixGeometry(geometry) {
  if (!geometry) return null;
  let polygons;
  if (geometry.type === 'Polygon') polygons = [geometry.coordinates];
  else if (geometry.type === 'MultiPolygon') polygons = geometry.coordinates;
  else return geometry;
  const parts = splitPolygons(polygons);
  return parts.length ? { type: 'MultiPolygon', coordinates: parts } : null;
}

/** The largest longitude step between consecutive points of any ring (a streak if > 180). */
export function largestJump(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let jump = 0;
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let i = 1; i < ring.length; i++) jump = Math.max(jump, Math.abs(ring[i][0] - ring[i - 1][0]));
  return jump;
}
