// The dashboard's /metrics numbers: each listed loop's `loop status` document (the one the page shows)
// and its open escalations (the page's own fold of escalations.jsonl), through the loop's metrics
// step, so the dashboard and the service name and value every sample the same way. Pure.
import { loopMetricsOf, type LoopMetrics } from '../loop/metrics.js';
import type { AsOf } from './loop-view.js';
import type { ReadModel } from './read-model.js';

/** Pure: the metrics of every listed loop as of `asOf`, in the listing's order. */
export const dashboardMetrics = (model: Pick<ReadModel, 'current' | 'model'>, asOf: AsOf): LoopMetrics[] =>
  model.current.loops.flatMap((l) => {
    const m = model.model(l.loopId);
    if (m === undefined) return [];
    return [loopMetricsOf(l.loopId, m.status(asOf), m.row(asOf).escalations.open)];
  });
