import { describe, expect, it } from 'vitest';
import {
  exitCodeOfStatus,
  localOutcome,
  replayOutcome as replayOf,
  serviceOutcome as outcomeOf,
} from './control-outcome.js';
import { readView } from './lenient.js';
import { ReplayEntryView, ServiceControlView } from './service-views.js';

/** A ledger entry as the replay decodes it, then replayed. */
const replayOutcome = (status: string, entry: unknown) => replayOf(status, readView(ReplayEntryView, entry));

/** The service's answer as the client decodes it, then judged. */
const serviceOutcome = (command: string, answer: unknown) =>
  outcomeOf(command, readView(ServiceControlView, answer));
import { intentEntry, invocationRecord, type ControlContext } from './control-records.js';

const run = { command: 'superloop cancel --repo /r', output: 'Cancelled loop state.', doConfirm: true };

describe('localOutcome', () => {
  it('is failed_command with the command exit code when the command fails; no confirmation', () => {
    const o = localOutcome({ ...run, exitCode: 3, confirm: null });
    expect([o.status, o.exitCode, o.executionStatus, o.confirmationStatus, o.reasonCode]).toEqual([
      'failed_command',
      3,
      'failed_command',
      'not_attempted',
      'control_failed_command',
    ]);
  });
  it('is executed_unconfirmed when confirmation is skipped', () => {
    const o = localOutcome({ ...run, exitCode: 0, confirm: null, doConfirm: false });
    expect([o.status, o.confirmationStatus, o.reasonCode]).toEqual(['executed_unconfirmed', 'skipped', null]);
  });
  it('is confirmed or ambiguous as the confirmation says, with confirmExitCode 0 or 1', () => {
    const yes = localOutcome({
      ...run,
      exitCode: 0,
      confirm: { confirmed: true, result: { r: 1 }, exitCode: 0 },
    });
    const no = localOutcome({
      ...run,
      exitCode: 0,
      confirm: { confirmed: false, result: { r: 2 }, exitCode: 1 },
    });
    expect([yes.status, yes.confirmed, yes.confirmExitCode, yes.confirm]).toEqual([
      'confirmed',
      true,
      0,
      { r: 1 },
    ]);
    expect([no.status, no.confirmed, no.confirmExitCode, no.reasonCode]).toEqual([
      'ambiguous',
      false,
      1,
      'control_ambiguous',
    ]);
  });
});

describe('serviceOutcome (the reference client rules)', () => {
  const cmd = 'POST http://s/ops/control';
  it('takes result.status when the service gives one', () => {
    const o = serviceOutcome(cmd, {
      ok: false,
      exitCode: 2,
      result: { status: 'ambiguous', confirm: { a: 1 } },
    });
    expect([o.status, o.exitCode, o.confirmationStatus, o.confirmationAttempted]).toEqual([
      'ambiguous',
      2,
      'ambiguous',
      true,
    ]);
  });
  it.each([
    [{ ok: true }, 'confirmed', true],
    [{ ok: false, exitCode: 2 }, 'ambiguous', false],
    [{ ok: false, exitCode: 1 }, 'failed_command', false],
    [{}, 'failed_command', false],
  ])('derives the status from ok/exitCode without a result: %j → %s', (response, status, confirmed) => {
    const o = serviceOutcome(cmd, response);
    expect([o.status, o.confirmed]).toEqual([status, confirmed]);
  });
  it('marks a replayed answer and keeps the whole answer as the command output', () => {
    const answer = { ok: true, exitCode: 0, replayed: true, result: { status: 'executed_unconfirmed' } };
    const o = serviceOutcome(cmd, answer);
    expect([o.replayed, o.confirmationStatus, o.output]).toEqual([true, 'skipped', JSON.stringify(answer)]);
  });
  it('keeps a refusal and its reason code; nothing ran', () => {
    const o = serviceOutcome(cmd, {
      ok: false,
      exitCode: 1,
      result: { status: 'refused', reasonCode: 'approval_missing' },
    });
    expect([o.status, o.reasonCode, o.executionStatus]).toEqual([
      'refused',
      'approval_missing',
      'not_started',
    ]);
  });
  it('is attempted_unknown when a confirmation ran but the status is not one it explains', () => {
    expect(serviceOutcome(cmd, { result: { status: 'executed', confirm: {} } }).confirmationStatus).toBe(
      'attempted_unknown',
    );
  });
});

describe('exit codes and replays', () => {
  it.each([
    ['confirmed', 0],
    ['executed_unconfirmed', 0],
    ['ambiguous', 2],
    ['failed_command', 1],
    ['refused', 1],
  ])('%s exits %i', (status, code) => expect(exitCodeOfStatus(status)).toBe(code));
  it('replays the stored entry as a replayed outcome', () => {
    const o = replayOutcome('confirmed', {
      command: 'c',
      exitCode: 0,
      confirmExitCode: 0,
      confirmed: true,
      confirm: { x: 1 },
    });
    expect([o.status, o.replayed, o.confirmed, o.command, o.confirmationStatus]).toEqual([
      'confirmed',
      true,
      true,
      'c',
      'confirmed',
    ]);
  });
});

describe('records', () => {
  const ctx: ControlContext = {
    loopId: 'demo',
    intent: 'cancel',
    transport: 'local',
    traceId: 'tr',
    requestedBy: 'mara',
    note: null,
    idempotencyKey: 'k',
    doConfirm: true,
    timeoutSeconds: 30,
    intervalSeconds: 2,
    retryAttempts: 3,
    retryBackoffSeconds: 1,
    startedAt: 'S',
    completedAt: 'C',
    durationSeconds: 4,
  };
  it('leaves out the note, output and confirm when there are none, as the reference does', () => {
    const o = localOutcome({ ...run, output: '', exitCode: 0, confirm: null, doConfirm: false });
    expect(Object.keys(intentEntry(ctx, o))).toEqual([
      'timestamp',
      'loopId',
      'intent',
      'traceId',
      'requestedBy',
      'transport',
      'status',
      'command',
      'idempotencyKey',
      'exitCode',
      'confirmExitCode',
      'confirmed',
    ]);
    expect(invocationRecord(ctx, o)).toMatchObject({
      schemaVersion: 'v1',
      request: {
        doConfirm: true,
        timeoutSeconds: 30,
        intervalSeconds: 2,
        retryAttempts: 3,
        retryBackoffSeconds: 1,
      },
      execution: { status: 'succeeded', exitCode: 0, command: run.command, replayed: false },
      confirmation: { attempted: false, status: 'skipped', exitCode: 0 },
      outcome: { status: 'executed_unconfirmed', confirmed: false, durationSeconds: 4 },
    });
  });
});

describe('the records decode against their contracts', () => {
  it('intent entry, telemetry and invocation of a confirmed run', async () => {
    const { IntentEntry, ControlTelemetry, ControlInvocation } = await import('./control-codecs.js');
    const { controlTelemetry } = await import('./control-records.js');
    const ctx: ControlContext = {
      loopId: 'demo',
      intent: 'approve',
      transport: 'sprite_service',
      traceId: 'tr',
      requestedBy: 'mara',
      note: 'ok',
      idempotencyKey: 'k',
      doConfirm: true,
      timeoutSeconds: 30,
      intervalSeconds: 2,
      retryAttempts: 3,
      retryBackoffSeconds: 1,
      startedAt: 'S',
      completedAt: 'C',
      durationSeconds: 0,
    };
    const o = serviceOutcome('POST u', {
      ok: true,
      exitCode: 0,
      result: { status: 'confirmed', confirm: { a: 1 } },
    });
    expect(IntentEntry.is(intentEntry(ctx, o))).toBe(true);
    expect(ControlTelemetry.is(controlTelemetry(ctx, o))).toBe(true);
    expect(ControlInvocation.is(invocationRecord(ctx, o))).toBe(true);
    expect(IntentEntry.is({ ...intentEntry(ctx, o), transport: 'pigeon' })).toBe(false);
  });
});
