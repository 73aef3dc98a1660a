// alerts dispatch reads and appends only inside the repo and the state dir: a symlink planted at the
// escalations log, the state file or the telemetry log that leads out of the repo is refused (nothing
// outside is read or appended to), a FIFO in the log's place is not a source (and never hangs), and a
// file the operator names outside the repo is still used as named.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDispatch, type DispatchOptions } from './dispatch.js';

const asOf = '2026-02-22T12:00:00Z';
const LOOP = 'demo-loop';
let work = '';

const ops = () => join(work, 'repo', '.superloop', 'ops-manager', LOOP);
const outside = (name: string) => join(work, 'outside', name);
const row = JSON.stringify({
  timestamp: asOf,
  loopId: LOOP,
  category: 'health_degraded',
  severity: 'warning',
});

const options = (extra: Partial<DispatchOptions> = {}): DispatchOptions => ({
  cwd: work,
  env: {},
  now: () => Date.parse(asOf),
  asOf,
  repo: 'repo',
  loopId: LOOP,
  traceId: 'trace-fixed',
  ...extra,
});

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-dispatch-confine-'));
  mkdirSync(ops(), { recursive: true });
  mkdirSync(join(work, 'outside'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('dispatch confined to the repo', () => {
  it('given escalations.jsonl symlinked out of the repo, then the pass is refused and nothing is read', async () => {
    writeFileSync(outside('escalations.jsonl'), `${row}\n`);
    symlinkSync(outside('escalations.jsonl'), join(ops(), 'escalations.jsonl'));
    await expect(runDispatch(options())).rejects.toThrow(/artifact resolves outside the repo/);
    expect(existsSync(join(ops(), 'alert-dispatch-state.json'))).toBe(false);
  });

  it('given the state file symlinked out of the repo, then the pass is refused as an invalid state', async () => {
    writeFileSync(outside('state.json'), '{}');
    symlinkSync(outside('state.json'), join(ops(), 'alert-dispatch-state.json'));
    await expect(runDispatch(options())).rejects.toThrow(/invalid dispatch state JSON/);
    expect(readFileSync(outside('state.json'), 'utf8')).toBe('{}');
  });

  it('given the telemetry log symlinked out of the repo, then nothing is appended to the file outside', async () => {
    writeFileSync(join(ops(), 'escalations.jsonl'), `${row}\n`);
    mkdirSync(join(ops(), 'telemetry'));
    writeFileSync(outside('alerts.jsonl'), '');
    symlinkSync(outside('alerts.jsonl'), join(ops(), 'telemetry', 'alerts.jsonl'));
    await expect(runDispatch(options())).rejects.toThrow(/refused/);
    expect(readFileSync(outside('alerts.jsonl'), 'utf8')).toBe('');
  });

  it('given a FIFO in the place of escalations.jsonl, then it is no source and the pass does not hang', async () => {
    execFileSync('mkfifo', [join(ops(), 'escalations.jsonl')]);
    const { state } = await runDispatch(options());
    expect(state.status).toBe('no_source');
  });

  it('given files the operator names outside the repo, then they are used as named', async () => {
    writeFileSync(outside('escalations.jsonl'), '\n');
    const { state } = await runDispatch(
      options({
        escalationsFile: 'outside/escalations.jsonl',
        stateFile: 'outside/state.json',
        telemetryFile: 'outside/alerts.jsonl',
      }),
    );
    expect(state).toMatchObject({ escalationsFile: 'outside/escalations.jsonl', escalationsLineOffset: 1 });
    expect(JSON.parse(readFileSync(outside('state.json'), 'utf8'))).toMatchObject({
      escalationsLineOffset: 1,
    });
  });
});
