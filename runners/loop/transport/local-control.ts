// One control intent on the local transport, under the loop's lock: consult the idempotency ledger
// (a key runs at most once), check the intent against the lifecycle, record `started`, act, confirm by
// observation, record `completed`, then append the reference's records. `opsfold loop control` and
// the service's POST /ops/control both run this.
import type { ControlRequestFields } from './request.js';
import {
  exitCodeOfStatus,
  replayOutcome,
  type ControlOutcome,
  type ControlStatus,
} from '../../../lib/loop/control-outcome.js';
import type { ControlContext } from '../../../lib/loop/control-records.js';
import { controlContext } from '../../../lib/loop/control-context.js';
import { admissionRefusal, keyRefusal } from '../../../lib/loop/control-refusal.js';
import { decideKey, type LedgerState, type StoredOutcome } from '../../../lib/loop/idempotency.js';
import { admitIntent } from '../../../lib/loop/intent-admission.js';
import { commandLine, superloopArgs, type IntentCommand } from '../../../lib/loop/intent-command.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import type { Clock, Sleep } from '../../cli/run-clock.js';
import { actAndConfirm, docOrNull } from './local-act.js';
import type { IntentExecutor } from './executor.js';
import { appendLedger, foldLedger } from './ledger.js';
import { withLoopLock } from './loop-lock.js';
import { recordControl } from './records.js';

export interface LocalControlDeps {
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly executor: IntentExecutor;
  /** The CLI records a replay again; the service answers it from the ledger alone, as the reference. */
  readonly recordReplays: boolean;
  /** Called, still under the lock, with the ledger after a key completed. */
  readonly onLedger?: (s: LedgerState) => Promise<void>;
}

export interface ControlRun {
  readonly entry: Readonly<Record<string, unknown>>;
  readonly status: ControlStatus;
  /** The process exit code: 0 confirmed/executed_unconfirmed, 2 ambiguous, 1 otherwise. */
  readonly exitCode: number;
  /** The `error:` line for stderr (refusals, in-flight keys), or null. */
  readonly errorLine: string | null;
  readonly replayed: boolean;
}

interface Started {
  readonly ms: number;
  readonly iso: string;
}

/** The record context of one control run over `transport`, timed from `started` to now. */
export const contextOf = (
  p: LoopPaths,
  r: ControlRequestFields,
  run: { readonly started: Started; readonly transport: 'local' | 'sprite_service' },
  clock: Clock,
): ControlContext => {
  const completedAt = clock.iso();
  return controlContext(p.loopId, r, { ...run, completed: { iso: completedAt, ms: clock.ms() } });
};

const finish = async (
  p: LoopPaths,
  r: ControlRequestFields,
  d: LocalControlDeps & { started: Started },
  o: { outcome: ControlOutcome; errorLine: string | null },
): Promise<ControlRun> => {
  const entry = await recordControl(
    p,
    contextOf(p, r, { started: d.started, transport: 'local' }, d.clock),
    o.outcome,
  );
  const { status, replayed } = o.outcome;
  return { entry, status, exitCode: exitCodeOfStatus(status), errorLine: o.errorLine, replayed };
};

const replayed = (
  p: LoopPaths,
  r: ControlRequestFields,
  d: LocalControlDeps & { started: Started },
  s: StoredOutcome,
) =>
  d.recordReplays
    ? finish(p, r, d, { outcome: replayOutcome(s.status, s.entry), errorLine: null })
    : Promise.resolve<ControlRun>({
        entry: s.entry,
        status: s.status as ControlStatus,
        exitCode: s.exitCode,
        errorLine: null,
        replayed: true,
      });

const underLock = async (
  p: LoopPaths,
  r: ControlRequestFields,
  deps: LocalControlDeps,
): Promise<ControlRun> => {
  const d = { ...deps, started: { ms: deps.clock.ms(), iso: deps.clock.iso() } };
  const cmd: IntentCommand = { intent: r.intent, repo: p.repo, loopId: p.loopId, by: r.by, note: r.note };
  const command = commandLine(d.executor.program, superloopArgs(cmd));
  const ledger = await foldLedger(p, d.started.iso);
  const key = decideKey(ledger, r.idempotencyKey, r.intent);
  if (key.kind === 'replay') return replayed(p, r, d, key.outcome);
  const refusedKey = keyRefusal(key, r, command);
  if (refusedKey !== null) return finish(p, r, d, refusedKey);
  const facts = { approval: await docOrNull(p.approval), state: await docOrNull(p.state) };
  const admission = admitIntent(r.intent, p.loopId, facts, d.started.iso);
  const refused = admissionRefusal(admission, command);
  if (refused !== null) return finish(p, r, d, refused);
  const base = { schemaVersion: 'v1' as const, key: r.idempotencyKey, loopId: p.loopId, intent: r.intent };
  const afterStart = await appendLedger(p, ledger, {
    ...base,
    phase: 'started',
    at: d.started.iso,
    traceId: r.traceId,
  });
  const outcome = await actAndConfirm(p, r, d, cmd);
  const run = await finish(p, r, d, { outcome, errorLine: null });
  const stored = { status: run.status, exitCode: run.exitCode, entry: run.entry };
  const done = await appendLedger(p, afterStart, {
    ...base,
    phase: 'completed',
    at: d.clock.iso(),
    outcome: stored,
  });
  await d.onLedger?.(done);
  return run;
};

/** Runs one intent on the local transport while holding the loop's lock (LockConflict → exit 75). */
export const runLocalControl = (
  p: LoopPaths,
  r: ControlRequestFields,
  d: LocalControlDeps,
): Promise<ControlRun> => withLoopLock(p, () => underLock(p, r, d));
