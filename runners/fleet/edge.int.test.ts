// The fleet's artifacts stay in the repo: a document or log symlinked out of it, or a FIFO in its
// place, is refused (and nothing hangs or is written outside), while a file the operator names by
// flag is read wherever it is.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AS_OF, fleetFile, useKit } from './fleet-test-kit.js';

const kit = useKit();
let repo: string;
beforeEach(async () => {
  repo = kit.fixture('healthy');
  await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF, '--deterministic-order']);
});

const outside = (name: string): string => {
  mkdirSync(join(kit.work, 'elsewhere'), { recursive: true });
  return join(kit.work, 'elsewhere', name);
};

describe('given the fleet state symlinked to a file outside the repo', () => {
  it('status refuses to read it, with the reference wording and the reason', async () => {
    const state = fleetFile(repo, 'state.json');
    const moved = outside('state.json');
    renameSync(state, moved);
    symlinkSync(moved, state);
    const r = await kit.run(['fleet', 'status', '--repo', repo, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: invalid fleet state JSON: ${state}`);
    expect(r.stderr).toMatch(/refused.*outside/);
  });

  it('the same file named by --fleet-state-file is read', async () => {
    const moved = outside('state.json');
    copyFileSync(fleetFile(repo, 'state.json'), moved);
    const r = await kit.run([
      'fleet',
      'status',
      '--repo',
      repo,
      '--as-of',
      AS_OF,
      '--fleet-state-file',
      moved,
    ]);
    expect(r.code).toBe(0);
  });
});

describe('given a FIFO in place of the policy state', () => {
  it('status refuses it instead of waiting for a writer', async () => {
    execFileSync('mkfifo', [fleetFile(repo, 'policy-state.json')]);
    const r = await kit.run(['fleet', 'status', '--repo', repo, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: invalid policy state JSON');
    expect(r.stderr).toContain('FIFO');
  });
});

describe('given a fleet log symlinked out of the repo', () => {
  it('policy refuses to fold or append to it, and the outside file is unchanged', async () => {
    const log = fleetFile(repo, 'telemetry', 'policy-history.jsonl');
    const target = outside('policy-history.jsonl');
    writeFileSync(target, '');
    symlinkSync(target, log);
    const r = await kit.run(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: invalid policy history JSONL: ${log}`);
    expect(r.stderr).toMatch(/refused: resolves to .* outside/);
    expect(readFileSync(target, 'utf8')).toBe('');
  });

  it('a FIFO in place of the handoff telemetry is refused too', async () => {
    execFileSync('mkfifo', [fleetFile(repo, 'telemetry', 'handoff.jsonl')]);
    const r = await kit.run(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused: a FIFO');
  });

  it('an appended-only log (policy telemetry) symlinked out is not written', async () => {
    const log = fleetFile(repo, 'telemetry', 'policy.jsonl');
    const target = outside('policy.jsonl');
    writeFileSync(target, '');
    symlinkSync(target, log);
    const r = await kit.run(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: cannot write ${log}`);
    expect(readFileSync(target, 'utf8')).toBe('');
  });
});

describe('given promotion evidence and outputs that leave the repo', () => {
  it('a FIFO in place of the handoff telemetry is refused, not waited on', async () => {
    execFileSync('mkfifo', [fleetFile(repo, 'telemetry', 'handoff.jsonl')]);
    const r = await kit.run(['fleet', 'promotion-gates', '--repo', repo, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused: a FIFO');
  });

  it('a promotion state symlinked out of the repo is not written', async () => {
    const state = fleetFile(repo, 'promotion-state.json');
    const target = outside('promotion-state.json');
    writeFileSync(target, '{}');
    symlinkSync(target, state);
    const r = await kit.run(['fleet', 'promotion-gates', '--repo', repo, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: cannot write ${state}`);
    expect(readFileSync(target, 'utf8')).toBe('{}');
  });
});
