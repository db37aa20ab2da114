// Timeline: stacked bars of event counts per day or week; brushing sets the date filter.

import { axisBottom, axisLeft } from 'd3-axis';
import { brushX } from 'd3-brush';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { select } from 'd3-selection';
import { utcDay, utcWeek } from 'd3-time';
import { utcFormat } from 'd3-time-format';
import { keyColour, keyLabel } from './codes.js';
import { clear, h } from './dom.js';

const day = utcFormat('%Y-%m-%d');
const SVG = 'http://www.w3.org/2000/svg';

function parseDay(s) {
  return new Date(`${s}T00:00:00Z`);
}

/**
 * Draw `data` ({bucket, by, counts}) into `root`. `onBrush(since, until)` gets ISO days
 * (both null when the brush is cleared).
 */
export function renderTimeline(root, data, onBrush) {
  clear(root);
  if (!data.counts.length) {
    root.appendChild(h('p', { class: 'empty' }, 'No dated events match.'));
    return;
  }
  const interval = data.bucket === 'week' ? utcWeek.every(1) : utcDay;
  const step = (d) => interval.offset(d, 1);
  const width = Math.max(root.clientWidth || 800, 320);
  const height = 170;
  const m = { top: 8, right: 12, bottom: 22, left: 36 };

  const buckets = new Map();
  const keys = new Set();
  for (const c of data.counts) {
    if (!buckets.has(c.bucket)) buckets.set(c.bucket, []);
    buckets.get(c.bucket).push(c);
    keys.add(c.key);
  }
  const dates = [...buckets.keys()].sort().map(parseDay);
  const x = scaleUtc().domain([dates[0], step(dates[dates.length - 1])]).range([m.left, width - m.right]);
  const totals = [...buckets.values()].map((cs) => cs.reduce((s, c) => s + c.count, 0));
  const y = scaleLinear().domain([0, Math.max(...totals)]).nice().range([height - m.bottom, m.top]);

  const svg = select(root).append('svg').attr('class', 'timeline')
    .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
    .attr('role', 'img').attr('aria-label', 'Events over time');
  const bars = svg.append('g').attr('class', 'bars');
  for (const [bucket, cs] of [...buckets.entries()].sort()) {
    const x0 = x(parseDay(bucket));
    const w = Math.max(1, x(step(parseDay(bucket))) - x0 - 1);
    let acc = 0;
    for (const c of cs.sort((a, b) => String(a.key).localeCompare(String(b.key)))) {
      const rect = bars.append('rect').attr('class', 'bar').attr('x', x0).attr('width', w)
        .attr('y', y(acc + c.count)).attr('height', y(acc) - y(acc + c.count))
        .attr('fill', keyColour(data.by, c.key))
        .attr('data-bucket', bucket).attr('data-key', c.key).attr('data-count', c.count);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${bucket}: ${c.count} × ${keyLabel(data.by, c.key)}`;
      rect.node().appendChild(title);
      acc += c.count;
    }
  }
  svg.append('g').attr('transform', `translate(0,${height - m.bottom})`)
    .call(axisBottom(x).ticks(Math.min(8, Math.floor(width / 90))));
  svg.append('g').attr('transform', `translate(${m.left},0)`).call(axisLeft(y).ticks(4));

  const brush = brushX().extent([[m.left, m.top], [width - m.right, height - m.bottom]])
    .on('end', (event) => {
      if (!event.sourceEvent) return; // moved by code, not by the user
      if (!event.selection) {
        onBrush(null, null);
        return;
      }
      const [a, b] = event.selection.map(x.invert);
      const since = interval.floor(a);
      const until = utcDay.offset(interval.ceil(b), -1);
      onBrush(day(since), day(until < since ? since : until));
    });
  svg.append('g').attr('class', 'brush').call(brush);

  const legend = h('ul', { class: 'legend' },
    [...keys].sort().map((k) => {
      const sw = h('span', { class: 'swatch' });
      sw.style.background = keyColour(data.by, k);
      return h('li', {}, sw, keyLabel(data.by, k));
    }));
  root.appendChild(legend);
}
