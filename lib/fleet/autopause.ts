// Telemetry-triggered auto-pause: over the last `lookbackExecutions` autonomous handoff executions
// (ordered by timestamp), when at least `minSampleSize` intents were attempted and the ambiguity or
// failure rate reaches its threshold, autonomous dispatch pauses. A disabled auto-pause never
// triggers (the reference's `// true` turned `enabled: false` back on).
import type { AutoPause } from './registry-types.js';
import type { AutonomousExecution } from './handoff-history.js';
import { byCode } from './candidates.js';

export interface AutoPauseMetrics {
  readonly windowExecutionCount: number;
  readonly attemptedCount: number;
  readonly executedCount: number;
  readonly ambiguousCount: number;
  readonly failedCount: number;
  readonly ambiguityRate: number;
  readonly failureRate: number;
}

export interface AutoPauseState extends AutoPause {
  readonly active: boolean;
  readonly reasons: readonly string[];
  readonly metrics: AutoPauseMetrics;
}

const rate = (num: number, den: number): number => (den <= 0 ? 0 : num / den);

/** Pure: the last `lookback` executions by timestamp (stable for equal timestamps). */
export const lastExecutions = (
  executions: readonly AutonomousExecution[],
  lookback: number,
): AutonomousExecution[] => {
  const sorted = executions
    .map((x, i) => ({ x, i }))
    .sort((a, b) => byCode(a.x.timestamp, b.x.timestamp) || a.i - b.i)
    .map((p) => p.x);
  return lookback > 0 ? sorted.slice(-lookback) : sorted;
};

/** Pure: sample metrics of a window of executions. */
export const metricsOf = (window: readonly AutonomousExecution[]): AutoPauseMetrics => {
  const sum = (f: (x: AutonomousExecution) => number) => window.reduce((a, x) => a + f(x), 0);
  const attempted = sum((x) => x.attempted);
  const ambiguous = sum((x) => x.ambiguousCount);
  const failed = sum((x) => x.failedCount);
  return {
    windowExecutionCount: window.length,
    attemptedCount: attempted,
    executedCount: sum((x) => x.executedCount),
    ambiguousCount: ambiguous,
    failedCount: failed,
    ambiguityRate: rate(ambiguous, attempted),
    failureRate: rate(failed, attempted),
  };
};

/** Pure: the auto-pause decision over the autonomous execution history. */
export const autoPauseOf = (cfg: AutoPause, executions: readonly AutonomousExecution[]): AutoPauseState => {
  const metrics = metricsOf(lastExecutions(executions, cfg.lookbackExecutions));
  const sampled = cfg.enabled && metrics.attemptedCount >= cfg.minSampleSize;
  const reasons = [
    ...(sampled && metrics.ambiguityRate >= cfg.ambiguityRateThreshold
      ? ['autonomous_autopause_ambiguous_spike']
      : []),
    ...(sampled && metrics.failureRate >= cfg.failureRateThreshold
      ? ['autonomous_autopause_failure_spike']
      : []),
  ];
  return { ...cfg, active: reasons.length > 0, reasons, metrics };
};
