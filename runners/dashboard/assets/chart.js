// A small line chart drawn as inline SVG from the geometry the server computed (lib/dashboard/chart.ts):
// the page draws, it does not scale or aggregate.
import { h, s } from './dom.js';

const dot = (d, unit) =>
  s(
    'circle',
    { cx: d.x, cy: d.y, r: 2.5, class: `dot ${d.status ?? ''}` },
    s('title', {}, `${d.at}: ${d.v} ${unit}`),
  );

const axis = (g) => [
  s('line', {
    x1: g.box.left,
    y1: g.box.top,
    x2: g.box.left,
    y2: g.box.height - g.box.bottom,
    class: 'axis',
  }),
  s('line', {
    x1: g.box.left,
    y1: g.box.height - g.box.bottom,
    x2: g.box.width - g.box.right,
    y2: g.box.height - g.box.bottom,
    class: 'axis',
  }),
  g.yTicks.map((t) =>
    s('text', { x: g.box.left - 4, y: t.y + 3, class: 'tick', 'text-anchor': 'end' }, String(t.value)),
  ),
  g.xLabels.map((l, i) =>
    s(
      'text',
      { x: l.x, y: g.box.height - 4, class: 'tick', 'text-anchor': i === 0 ? 'start' : 'end' },
      l.text.slice(11, 16),
    ),
  ),
];

const thresholds = (g) =>
  g.thresholds.map((t) => [
    s('line', {
      x1: g.box.left,
      x2: g.box.width - g.box.right,
      y1: t.y,
      y2: t.y,
      class: `threshold ${t.name}`,
    }),
    s(
      'text',
      { x: g.box.width - g.box.right - 2, y: t.y - 3, class: `tick ${t.name}`, 'text-anchor': 'end' },
      `${t.name} ${t.value}`,
    ),
  ]);

/** A captioned chart, or a clear note when there is nothing to draw. */
export const chart = (title, g, unit, testId) => {
  const caption = h('figcaption', {}, title);
  if (g.empty)
    return h(
      'figure',
      { class: 'chart', 'data-chart': testId },
      caption,
      h('p', { class: 'state empty' }, 'No data in this window.'),
    );
  const svg = s(
    'svg',
    { viewBox: `0 0 ${g.box.width} ${g.box.height}`, role: 'img', 'aria-label': title },
    axis(g),
    thresholds(g),
    g.segments.map((points) => s('polyline', { points, class: 'series' })),
    g.dots.map((d) => dot(d, unit)),
  );
  return h('figure', { class: 'chart', 'data-chart': testId }, caption, svg);
};
