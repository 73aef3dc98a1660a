// Where a control invocation is recorded (the reference's paths under
// `.superloop/ops-manager/<loop>/`), each record appended through the locked appender. A refusal ran
// nothing, so it goes to the invocation audit trail only: `intents.jsonl` feeds health (its last status)
// and `control.jsonl` the tuning summary, and a refused no-op must not mask an earlier ambiguous intent.
import { join } from 'node:path';
import { appendJsonl } from '../../../lib/io/append.js';
import type { ControlOutcome } from '../../../lib/loop/control-outcome.js';
import {
  controlTelemetry,
  intentEntry,
  invocationRecord,
  type ControlContext,
} from '../../../lib/loop/control-records.js';
import type { LoopPaths } from '../../cli/loop-paths.js';

export interface ControlFiles {
  readonly intents: string;
  readonly control: string;
  readonly invocations: string;
}

export const controlFiles = (p: LoopPaths): ControlFiles => ({
  intents: join(p.managerDir, 'intents.jsonl'),
  control: join(p.managerDir, 'telemetry', 'control.jsonl'),
  invocations: join(p.managerDir, 'telemetry', 'control-invocations.jsonl'),
});

/** Appends the invocation's records; returns the intent entry (what the command prints). */
export const recordControl = async (
  p: LoopPaths,
  ctx: ControlContext,
  outcome: ControlOutcome,
): Promise<Record<string, unknown>> => {
  const files = controlFiles(p);
  const entry = { ...intentEntry(ctx, outcome), ...(outcome.replayed ? { replayed: true } : {}) };
  if (outcome.status !== 'refused') {
    await appendJsonl(files.intents, [entry]);
    await appendJsonl(files.control, [controlTelemetry(ctx, outcome)]);
  }
  await appendJsonl(files.invocations, [invocationRecord(ctx, outcome)]);
  return entry;
};
