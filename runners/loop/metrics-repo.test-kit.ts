// A repository written for the /metrics tests of the service and the dashboard: `alpha` is running,
// critical, 1200 s behind, with one of its two escalations still open and a last reconcile of 0.75 s;
// `beta` is a loop directory the manager has never reconciled (no samples but its lifecycle).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const jsonl = (records: readonly unknown[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');

const escalation = (key: string, action: 'raise' | 'resolve', at: string) => ({
  timestamp: at,
  loopId: 'alpha',
  category: key.split('/')[1],
  dedupeKey: key,
  escalationAction: action,
});

/** The values the scrape of `writeMetricsRepo`'s repository must show. */
export const METRICS_REPO_EXPECTED = {
  alpha: { lifecycle: 'running', severity: 2, lagSeconds: 1200, escalationsOpen: 1, durationSeconds: 0.75 },
  beta: { lifecycle: 'unknown' },
} as const;

/** Writes the repository under `repo` (created). */
export const writeMetricsRepo = (repo: string): void => {
  const loops = join(repo, '.superloop', 'loops');
  mkdirSync(join(loops, 'beta'), { recursive: true });
  mkdirSync(join(loops, 'alpha'), { recursive: true });
  const m = join(repo, '.superloop', 'ops-manager', 'alpha');
  mkdirSync(join(m, 'telemetry'), { recursive: true });
  const state = {
    transition: { currentState: 'running', confidence: 'high' },
    projection: { status: 'running' },
  };
  writeFileSync(join(m, 'state.json'), JSON.stringify(state));
  const health = {
    status: 'critical',
    updatedAt: '2026-02-22T12:00:00Z',
    reasonCodes: ['ingest_stale'],
    metrics: { ingestLagSeconds: 1200, transportFailureStreak: 0, heartbeatLagSeconds: null },
  };
  writeFileSync(join(m, 'health.json'), JSON.stringify(health));
  writeFileSync(
    join(m, 'telemetry', 'reconcile.jsonl'),
    jsonl([
      { timestamp: '2026-02-22T11:56:00Z', status: 'success', durationSeconds: 2.5 },
      { timestamp: '2026-02-22T12:00:00Z', status: 'success', durationSeconds: 0.75 },
    ]),
  );
  writeFileSync(
    join(m, 'escalations.jsonl'),
    jsonl([
      escalation('alpha/health_degraded/ingest_stale', 'raise', '2026-02-22T11:48:00Z'),
      escalation('alpha/health_critical/ingest_stale', 'raise', '2026-02-22T11:56:00Z'),
      escalation('alpha/health_degraded/ingest_stale', 'resolve', '2026-02-22T11:56:00Z'),
    ]),
  );
};
