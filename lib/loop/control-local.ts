// One control intent on the local transport over its ports, under the loop's lock: consult the
// idempotency ledger (a key runs at most once), check the intent against the lifecycle (unless an
// installed superloop CLI decides), record `started`, act, confirm (by observation, or through the
// operator's confirm script), record `completed`, then append the reference's records.
// `opsfold loop control` and the service's POST /ops/control both run this.
import type { ControlRequestFields, Instant } from './control-context.js';
import { localOutcome, replayOutcome, type ControlOutcome, type ControlStatus } from './control-outcome.js';
import type { LocalControlPorts } from './control-ports.js';
import { admissionRefusal, keyRefusal } from './control-refusal.js';
import {
  confirmIntent,
  observedConfirmation,
  scriptConfirmation,
  type Confirmation,
} from './control-confirm.js';
import { finishControl, type ControlRun, type ControlTarget } from './control-run.js';
import { decideKey, idempotencyProjection, type StoredOutcome } from './idempotency.js';
import { admissionFacts, admitForCli, admitIntent } from './intent-admission.js';
import { commandLine, superloopArgs, type IntentCommand } from './intent-command.js';
import { readView } from './lenient.js';
import { ReplayEntryView } from './service-views.js';

interface Run {
  readonly loop: ControlTarget;
  readonly r: ControlRequestFields;
  readonly ports: LocalControlPorts;
  readonly started: Instant;
}

const finish = (run: Run, o: { outcome: ControlOutcome; errorLine: string | null }) =>
  finishControl(
    run.ports,
    { loopId: run.loop.loopId, request: run.r, started: run.started, transport: 'local' },
    o,
  );

const replayed = (run: Run, s: StoredOutcome): Promise<ControlRun> =>
  run.ports.recordReplays
    ? finish(run, { outcome: replayOutcome(s.status, readView(ReplayEntryView, s.entry)), errorLine: null })
    : Promise.resolve<ControlRun>({
        entry: s.entry,
        status: s.status as ControlStatus,
        exitCode: s.exitCode,
        errorLine: null,
        replayed: true,
      });

/** The operator's confirm script when there is one, else confirmation by observation. */
const confirmation = async ({ r, ports }: Run, cmd: IntentCommand): Promise<Confirmation> => {
  const script = ports.confirmScript;
  if (script === undefined) return observedConfirmation(await confirmIntent(r, ports));
  const request = { repo: cmd.repo, loopId: cmd.loopId, intent: r.intent };
  const timing = { timeoutSeconds: r.timeoutSeconds, intervalSeconds: r.intervalSeconds };
  return scriptConfirmation(await script({ ...request, ...timing }));
};

/** Runs the intent's command and, when it succeeded and confirmation is on, confirms it. */
const actAndConfirm = async (run: Run, cmd: IntentCommand) => {
  const { r, ports } = run;
  const ran = await ports.executor.run(cmd, ports.clock.iso());
  const doConfirm = r.doConfirm && ran.exitCode === 0;
  const confirmed = doConfirm ? await confirmation(run, cmd) : null;
  return localOutcome({
    command: commandLine(ports.executor.program, superloopArgs(cmd)),
    exitCode: ran.exitCode,
    output: ran.output,
    confirm: confirmed,
    doConfirm: r.doConfirm,
  });
};

const evolve = idempotencyProjection.evolve;
const at0 = { line: 0, byteOffset: 0 };

const underLock = async (loop: ControlTarget, r: ControlRequestFields, ports: LocalControlPorts) => {
  const run: Run = { loop, r, ports, started: { ms: ports.clock.ms(), iso: ports.clock.iso() } };
  const cmd: IntentCommand = {
    intent: r.intent,
    repo: loop.repo,
    loopId: loop.loopId,
    by: r.by,
    note: r.note,
  };
  const command = commandLine(ports.executor.program, superloopArgs(cmd));
  const ledger = await ports.ledger.fold(run.started.iso);
  const key = decideKey(ledger, r.idempotencyKey, r.intent);
  if (key.kind === 'replay') return replayed(run, key.outcome);
  const refusedKey = keyRefusal(key, r, command);
  if (refusedKey !== null) return finish(run, refusedKey);
  const admit = ports.executor.isSuperloopCli ? admitForCli : admitIntent;
  const admission = admit(r.intent, loop.loopId, admissionFacts(await ports.facts()), run.started.iso);
  const refused = admissionRefusal(admission, command);
  if (refused !== null) return finish(run, refused);
  const base = { schemaVersion: 'v1' as const, key: r.idempotencyKey, loopId: loop.loopId, intent: r.intent };
  const started = { ...base, phase: 'started' as const, at: run.started.iso, traceId: r.traceId };
  await ports.ledger.append(started);
  const afterStart = evolve(ledger, { value: started, position: at0 });
  const outcome = await actAndConfirm(run, cmd);
  const done = await finish(run, { outcome, errorLine: null });
  const stored = { status: done.status, exitCode: done.exitCode, entry: done.entry };
  const completed = { ...base, phase: 'completed' as const, at: ports.clock.iso(), outcome: stored };
  await ports.ledger.append(completed);
  await ports.onLedger?.(evolve(afterStart, { value: completed, position: at0 }));
  return done;
};

/** Runs one intent on the local transport while holding the loop's lock (a second holder: exit 75). */
export const runLocalControl = (
  loop: ControlTarget,
  r: ControlRequestFields,
  ports: LocalControlPorts,
): Promise<ControlRun> => ports.lock(() => underLock(loop, r, ports));
