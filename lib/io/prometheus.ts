// Prometheus text exposition through prom-client, on a Registry of the caller's own (never the
// library's global default one, and no process metrics): each server makes one and renders the gauge
// families a pure step computed for the scrape. Renders run one at a time, so two scrapes at once
// never mix their values.
import { Gauge, Registry } from 'prom-client';

/** A gauge family to render (lib/loop/metrics.ts's MetricFamily has this shape). */
export interface GaugeFamily {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly samples: readonly {
    readonly labels: Readonly<Record<string, string>>;
    readonly value: number;
  }[];
}

export interface MetricsText {
  readonly contentType: string;
  readonly text: string;
}

export interface MetricsRegistry {
  /** The text exposition of exactly these families (earlier samples are dropped). */
  render(families: readonly GaugeFamily[]): Promise<MetricsText>;
}

/** A registry of its own; its gauges are made the first time a family name is rendered. */
export const metricsRegistry = (): MetricsRegistry => {
  const registry = new Registry();
  const gauges = new Map<string, Gauge>();
  const gaugeOf = (f: GaugeFamily): Gauge => {
    const known = gauges.get(f.name);
    if (known !== undefined) return known;
    const g = new Gauge({ name: f.name, help: f.help, labelNames: [...f.labelNames], registers: [registry] });
    gauges.set(f.name, g);
    return g;
  };
  let last: Promise<unknown> = Promise.resolve();
  const once = async (families: readonly GaugeFamily[]): Promise<MetricsText> => {
    for (const f of families) {
      const g = gaugeOf(f);
      g.reset();
      for (const s of f.samples) g.set({ ...s.labels }, s.value);
    }
    return { contentType: registry.contentType, text: await registry.metrics() };
  };
  return {
    render(families) {
      const next = last.then(() => once(families));
      last = next.catch(() => undefined);
      return next;
    },
  };
};
