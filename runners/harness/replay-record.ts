// What a replayed step's commands printed, by task: spawn state (observe), liveness, alert class and
// throttling (watchdog), deliveries, and the collector's signals and collections.
import type { TimelineStep } from '../../lib/harness/timeline.js';

export interface StepResult {
  readonly step: TimelineStep;
  readonly spawn: Record<string, string>;
  readonly liveness: Record<string, string>;
  readonly alert: Record<string, string>;
  readonly throttled: Record<string, boolean>;
  readonly deliveries: number;
  readonly signal: Record<string, string>;
  readonly collected: Record<string, string>;
  readonly failures: readonly string[];
}

export type Parsed = { tasks?: { task_id: string; spawn_state: string }[] } & Record<string, unknown>;

interface Decided {
  task_id: string;
  status: string;
  alert_class: string;
  throttled: boolean;
}

const recordWatchdog = (res: StepResult, out: Parsed): void => {
  for (const d of (out['decisions'] ?? []) as Decided[]) {
    res.liveness[d.task_id] = d.status;
    res.alert[d.task_id] = d.alert_class;
    res.throttled[d.task_id] = d.throttled;
  }
  Object.assign(res, { deliveries: res.deliveries + ((out['deliveries'] ?? []) as unknown[]).length });
};

const recordCollect = (res: StepResult, out: Parsed): void => {
  for (const r of (out['records'] ?? []) as {
    kind: string;
    task_id: string;
    stage: string;
    path?: string;
  }[]) {
    if (r.kind === 'collect_signal') res.signal[r.task_id] = r.stage;
    else res.collected[r.task_id] = r.path ?? '';
  }
};

export const record = (res: StepResult, kind: string, out: Parsed): void => {
  if (kind.startsWith('observe')) for (const t of out.tasks ?? []) res.spawn[t.task_id] = t.spawn_state;
  if (kind === 'watchdog') recordWatchdog(res, out);
  if (kind === 'collect') recordCollect(res, out);
};

/** A step's result before any command ran. */
export const emptyResult = (step: TimelineStep): StepResult => ({
  step,
  spawn: {},
  liveness: {},
  alert: {},
  throttled: {},
  deliveries: 0,
  signal: {},
  collected: {},
  failures: [],
});
