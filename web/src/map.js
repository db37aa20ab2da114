// Map: country shapes from world-atlas (no tile server), one marker per place with its
// event count, clustered when dense.

import L from './leaflet-global.js';
import 'leaflet.markercluster';
import { feature } from 'topojson-client';
import { h } from './dom.js';
import { fixGeometry } from './geo.js';

let map = null;
let markers = null;
let shapes = null;

function countIcon(count, cls) {
  const size = Math.round(22 + Math.min(26, Math.log2(count + 1) * 5));
  const el = h('div', { class: 'count' }, String(count));
  return L.divIcon({ html: el, className: `place-marker ${cls}`, iconSize: [size, size] });
}

async function loadShapes() {
  const res = await fetch('/static/data/countries-110m.json');
  const topo = await res.json();
  const fc = feature(topo, topo.objects.countries);
  fc.features = fc.features
    .map((f) => ({ ...f, geometry: fixGeometry(f.geometry) }))
    .filter((f) => f.geometry);
  return fc;
}

/** Create the map in `el` (once). Resolves when the country shapes are drawn. */
export async function initMap(el) {
  if (map) return map;
  map = L.map(el, {
    worldCopyJump: false,
    maxBounds: [[-85, -200], [85, 200]],
    maxBoundsViscosity: 1.0,
    minZoom: 1,
    maxZoom: 10,
    zoomSnap: 0.5,
  }).setView([25, 10], 1.5);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Country shapes: Natural Earth, via world-atlas');
  markers = L.markerClusterGroup({
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    iconCreateFunction: (cluster) => {
      const total = cluster.getAllChildMarkers().reduce((s, m) => s + m.options.count, 0);
      return countIcon(total, 'cluster');
    },
  });
  map.addLayer(markers);
  try {
    const fc = await loadShapes();
    shapes = L.geoJSON(fc, {
      style: { color: '#9aa4ad', weight: 0.6, fillColor: '#e9ecef', fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
    shapes.bringToBack();
  } catch (err) {
    el.dataset.shapes = 'failed';
  }
  return map;
}

/** Show `places` ({items: [{name, lat, lon, count, geonameid, country}]}). */
export function showPlaces(places, onPick) {
  markers.clearLayers();
  const layers = [];
  for (const p of places.items) {
    const m = L.marker([p.lat, p.lon], { icon: countIcon(p.count, 'single'), count: p.count,
      title: `${p.name || 'place'}: ${p.count} events` });
    m.bindTooltip(h('span', {}, `${p.name || '?'}${p.country ? ` (${p.country})` : ''}: ${p.count} event${p.count === 1 ? '' : 's'}`));
    m.on('click', () => onPick(p));
    layers.push(m);
  }
  markers.addLayers(layers);
}

export function invalidate() {
  if (map) map.invalidateSize();
}
