// GET /metrics on the dashboard: the loops the page shows, as a Prometheus text exposition from a
// registry of this server's own. With control enabled (--control-token-env) a scrape needs the same
// token, as "Authorization: Bearer <t>" (what Prometheus sends) or X-Opsfold-Token; a read-only
// dashboard serves it like the rest of its read API (loopback names only).
import { isoSeconds } from '../../lib/core/time.js';
import { dashboardMetrics } from '../../lib/dashboard/metrics.js';
import { metricsRegistry, type MetricsText } from '../../lib/io/prometheus.js';
import { metricFamilies } from '../../lib/loop/metrics.js';
import { presentedTokens } from '../../lib/loop/service-auth.js';
import { tokenMatches, TOKEN_HEADER } from './control.js';
import type { DashboardOptions } from './options.js';

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

const first = (v: string | readonly string[] | undefined): string | undefined =>
  typeof v === 'string' ? v : v?.[0];

export interface MetricsPort {
  /** Whether a scrape with these headers may be answered. */
  allowed(headers: Headers): boolean;
  render(): Promise<MetricsText>;
}

export const metricsPort = (o: DashboardOptions): MetricsPort => {
  const registry = metricsRegistry();
  return {
    allowed(headers) {
      const expected = o.control.tokenDigest;
      if (expected === null) return true;
      const tokens = presentedTokens({
        authorization: first(headers['authorization']),
        xOpsToken: first(headers[TOKEN_HEADER]),
      });
      // Every presented token is compared, so the time taken does not tell which one was close.
      let ok = false;
      for (const t of tokens) ok = tokenMatches(expected, t) || ok;
      return ok;
    },
    render() {
      const ms = o.clock();
      return registry.render(metricFamilies(dashboardMetrics(o.store, { ms, iso: isoSeconds(ms) })));
    },
  };
};
