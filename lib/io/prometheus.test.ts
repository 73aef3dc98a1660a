import { describe, expect, it } from 'vitest';
import { metricsRegistry, type GaugeFamily } from './prometheus.js';
import { parseExposition, sampleValue } from './prometheus-text.test-kit.js';

const lag = (samples: GaugeFamily['samples']): GaugeFamily => ({
  name: 'x_lag_seconds',
  help: 'Lag.',
  labelNames: ['loop'],
  samples,
});

describe('a metrics registry of its own', () => {
  it('renders gauges with their help, type, labels (escaped) and values', async () => {
    const r = metricsRegistry();
    const out = await r.render([
      { name: 'x_loops', help: 'Loops.', labelNames: [], samples: [{ labels: {}, value: 2 }] },
      lag([
        { labels: { loop: 'a' }, value: 1.5 },
        { labels: { loop: 'we"ird\\id' }, value: 0 },
      ]),
    ]);
    expect(out.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const p = parseExposition(out.text);
    expect(p.type.get('x_lag_seconds')).toBe('gauge');
    expect(p.help.get('x_loops')).toBe('Loops.');
    expect(sampleValue(p, 'x_loops')).toBe(2);
    expect(sampleValue(p, 'x_lag_seconds', { loop: 'a' })).toBe(1.5);
    expect(sampleValue(p, 'x_lag_seconds', { loop: 'we"ird\\id' })).toBe(0);
  });
  it('drops the samples of a loop that is gone at the next render', async () => {
    const r = metricsRegistry();
    await r.render([lag([{ labels: { loop: 'a' }, value: 1 }])]);
    const p = parseExposition((await r.render([lag([{ labels: { loop: 'b' }, value: 2 }])])).text);
    expect(p.samples.map((s) => s.labels['loop'])).toEqual(['b']);
  });
  it('keeps two renders at once apart', async () => {
    const r = metricsRegistry();
    const outs = await Promise.all(
      [1, 2, 3].map((v) => r.render([lag([{ labels: { loop: `l${v}` }, value: v }])])),
    );
    expect(outs.map((o) => parseExposition(o.text).samples.map((s) => [s.labels['loop'], s.value]))).toEqual([
      [['l1', 1]],
      [['l2', 2]],
      [['l3', 3]],
    ]);
  });
  it('shares nothing with another registry or the default one', async () => {
    const a = metricsRegistry();
    const b = metricsRegistry();
    await a.render([lag([{ labels: { loop: 'a' }, value: 1 }])]);
    expect(parseExposition((await b.render([lag([])])).text).samples).toEqual([]);
    const { register } = await import('prom-client');
    expect(await register.metrics()).toBe('\n');
  });
});
