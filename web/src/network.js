// Actor network: countries and organizations as nodes, event counts as edges,
// coloured by the quad class with most events.

import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3-force';
import { scaleSqrt } from 'd3-scale';
import { select } from 'd3-selection';
import { QUAD, QUAD_COLOUR } from './codes.js';
import { clear, h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function title(node, text) {
  const t = document.createElementNS(SVG, 'title');
  t.textContent = text;
  node.appendChild(t);
}

/** Draw `data` ({nodes, edges}) into `root`; `onPick(node)` when a node is clicked. */
export function renderNetwork(root, data, onPick) {
  clear(root);
  if (!data.edges.length) {
    root.appendChild(h('p', { class: 'empty' },
      'No events with resolved actors on both sides match.'));
    return;
  }
  const width = Math.max(root.clientWidth || 400, 280);
  const height = 340;
  const nodes = data.nodes.map((n) => ({ ...n }));
  const links = data.edges.map((e) => ({ ...e }));
  const r = scaleSqrt().domain([1, Math.max(...nodes.map((n) => n.count))]).range([5, 20]);
  const w = scaleSqrt().domain([1, Math.max(...links.map((l) => l.count))]).range([1.2, 7]);

  // laid out once, off screen: a still picture is easier to read and to test than a dance
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((d) => d.id).distance(90))
    .force('charge', forceManyBody().strength(-220))
    .force('center', forceCenter(width / 2, height / 2))
    .force('x', forceX(width / 2).strength(0.05))
    .force('y', forceY(height / 2).strength(0.08))
    .force('collide', forceCollide((d) => r(d.count) + 4))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  for (const n of nodes) {
    n.x = Math.max(24, Math.min(width - 24, n.x));
    n.y = Math.max(16, Math.min(height - 16, n.y));
  }

  const svg = select(root).append('svg').attr('class', 'network')
    .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
    .attr('role', 'img').attr('aria-label', 'Actor network');
  const defs = svg.append('defs');
  for (const [q, colour] of Object.entries(QUAD_COLOUR)) {
    defs.append('marker').attr('id', `arrow-${q}`).attr('viewBox', '0 -5 10 10')
      .attr('refX', 10).attr('refY', 0).attr('markerWidth', 5).attr('markerHeight', 5)
      .attr('orient', 'auto').append('path').attr('d', 'M0,-5L10,0L0,5').attr('fill', colour);
  }
  const edgeG = svg.append('g').attr('class', 'edges');
  for (const l of links) {
    const dx = l.target.x - l.source.x;
    const dy = l.target.y - l.source.y;
    const len = Math.hypot(dx, dy) || 1;
    const end = r(l.target.count) + 2;
    const line = edgeG.append('line').attr('class', 'edge')
      .attr('x1', l.source.x).attr('y1', l.source.y)
      .attr('x2', l.target.x - (dx / len) * end).attr('y2', l.target.y - (dy / len) * end)
      .attr('stroke', QUAD_COLOUR[l.quad_class] || QUAD_COLOUR[0])
      .attr('stroke-width', w(l.count)).attr('marker-end', `url(#arrow-${l.quad_class})`)
      .attr('data-quad', l.quad_class);
    const parts = Object.entries(l.by_quad_class).map(([q, n]) => `${n} ${QUAD[q] || q}`);
    title(line.node(), `${l.source.id} → ${l.target.id}: ${parts.join(', ')}`);
  }
  const nodeG = svg.append('g').attr('class', 'nodes');
  for (const n of nodes) {
    const g = nodeG.append('g').attr('class', 'node').attr('transform', `translate(${n.x},${n.y})`)
      .attr('tabindex', 0).attr('data-id', n.id).on('click', () => onPick(n))
      .on('keydown', (e) => { if (e.key === 'Enter') onPick(n); });
    g.append('circle').attr('r', r(n.count));
    const label = g.append('text').attr('dy', r(n.count) + 11).attr('text-anchor', 'middle');
    label.node().textContent = n.id;
    title(g.node(), `${n.name || n.id}: ${n.count} events`);
  }
  root.appendChild(h('ul', { class: 'legend' }, Object.entries(QUAD).map(([q, label]) => {
    const sw = h('span', { class: 'swatch' });
    sw.style.background = QUAD_COLOUR[q];
    return h('li', {}, sw, label);
  })));
}
