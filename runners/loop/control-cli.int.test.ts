// opsfold loop control handing the decision to an installed superloop CLI (SUPERLOOP_BIN) and the
// confirmation to the operator's confirm script (OPS_MANAGER_CONFIRM_SCRIPT), on a repo with no
// runtime state: the CLI's answer and the script's exit code decide, as in the reference.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured } from '../cli/capture.js';
import { makeLoopControl } from './control.js';

let work = '';
const sleep = async () => undefined;
const commands = [makeLoopControl({ sleep })];

const script = (name: string, body: string) => {
  const file = join(work, name);
  writeFileSync(file, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
};
/** A confirm script that logs its arguments, prints one JSON document and exits with `code`. */
const confirmScript = (code: number) =>
  script(
    'confirm.sh',
    `echo "$@" > "${join(work, 'confirm-args.txt')}"\n` +
      `printf '{"intent":"cancel","confirmed":true,"reason":"operator_check"}\\n'\nexit ${code}`,
  );
const cancel = (env: Record<string, string>, ...rest: string[]) =>
  runCaptured(
    commands,
    ['loop', 'control', '--repo', 'repo', '--loop', 'loop-red', '--intent', 'cancel', ...rest],
    {
      cwd: work,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      now: () => Date.parse('2026-03-01T00:00:00Z'),
    },
  );
const controlLog = () =>
  readFileSync(
    join(work, 'repo', '.superloop', 'ops-manager', 'loop-red', 'telemetry', 'control.jsonl'),
    'utf8',
  )
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-control-cli-'));
  mkdirSync(join(work, 'repo', '.superloop'), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('given no .superloop/state.json and a superloop CLI that succeeds', () => {
  it('when cancelled with a confirm script that exits 0, then the CLI runs and the script confirms', async () => {
    const env = {
      SUPERLOOP_BIN: script('superloop.sh', 'echo ok'),
      OPS_MANAGER_CONFIRM_SCRIPT: confirmScript(0),
    };
    const r = await cancel(
      env,
      '--trace-id',
      'trace-cli-1',
      '--idempotency-key',
      'k-1',
      '--timeout-seconds',
      '7',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: 'confirmed',
      confirmed: true,
      commandOutput: 'ok',
      confirmExitCode: 0,
      confirm: { reason: 'operator_check' },
    });
    expect(readFileSync(join(work, 'confirm-args.txt'), 'utf8').trim()).toBe(
      `--repo ${join(work, 'repo')} --loop loop-red --intent cancel --timeout-seconds 7 --interval-seconds 2`,
    );
    expect(controlLog()).toMatchObject([
      { status: 'confirmed', traceId: 'trace-cli-1', idempotencyKey: 'k-1' },
    ]);
  });

  it('when the confirm script exits 1, then the outcome is ambiguous (exit 2) with its exit code', async () => {
    const env = {
      SUPERLOOP_BIN: script('superloop.sh', 'echo ok'),
      OPS_MANAGER_CONFIRM_SCRIPT: confirmScript(1),
    };
    const r = await cancel(env);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'ambiguous', confirmExitCode: 1, confirmed: false });
    expect(controlLog()).toMatchObject([{ reasonCode: 'control_ambiguous' }]);
  });
});

describe('given a loop folder, no .superloop/state.json and no superloop CLI', () => {
  it('when cancelled, then opsfold refuses it itself (loop_not_active) and the confirm script never runs', async () => {
    mkdirSync(join(work, 'repo', '.superloop', 'loops', 'loop-red'), { recursive: true });
    const r = await cancel({ OPS_MANAGER_CONFIRM_SCRIPT: confirmScript(0) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('intent refused (loop_not_active)');
    expect(() => readFileSync(join(work, 'confirm-args.txt'))).toThrow();
  });
});

describe('given another loop is the active one and a superloop CLI', () => {
  it('when cancelled, then it is still refused with loop_not_current and the CLI never runs', async () => {
    writeFileSync(
      join(work, 'repo', '.superloop', 'state.json'),
      '{"active":true,"current_loop_id":"other"}',
    );
    const bin = script('superloop.sh', `touch "${join(work, 'ran')}"`);
    const r = await cancel({ SUPERLOOP_BIN: bin });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('intent refused (loop_not_current)');
    expect(() => readFileSync(join(work, 'ran'))).toThrow();
  });
});

describe('given a repo with another loop, no folder for this one and no superloop CLI', () => {
  it('when cancelled, then the loop is unknown (exit 1), nothing is written and the script never runs', async () => {
    mkdirSync(join(work, 'repo', '.superloop', 'loops', 'loop-blue'), { recursive: true });
    const r = await cancel({ OPS_MANAGER_CONFIRM_SCRIPT: confirmScript(0) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: unknown loop: loop-red .*\n {2}loops found: loop-blue/);
    expect(() => readFileSync(join(work, 'confirm-args.txt'))).toThrow();
    expect(() => controlLog()).toThrow();
  });
});
