// Every file of a TOS root is read and written through the edge confined to the root: a symlink (or a
// symlinked directory) that leads outside is refused and never followed, a FIFO is refused without
// hanging, and a relative --summary-file cannot climb out of the root.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';

const asOf = '2026-03-01T09:00:00Z';
let work = '';
let root = '';
let outside = '';
const run = (...argv: string[]) =>
  runCaptured(commands, argv, { cwd: work, env: {}, now: () => Date.parse(asOf) });

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-runbook-confine-'));
  root = join(work, 'root');
  outside = join(work, 'outside');
  cpSync(new URL('../../fixtures/runbook/done-run', import.meta.url), root, { recursive: true });
  mkdirSync(outside);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const phaseState = () => join(root, 'workspace', 'artifacts', 'phase_state.json');

describe('given phase_state.json is a symlink to a file outside the root', () => {
  beforeEach(() => {
    renameSync(phaseState(), join(outside, 'phase_state.json'));
    symlinkSync(join(outside, 'phase_state.json'), phaseState());
  });

  it('when tested, the file is refused as unreadable and the test fails', async () => {
    const r = await run('runbook', 'test', '--root', root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^note: phase_state\.json unreadable: phase_state\.json: refused: resolves to /m,
    );
    expect(r.stdout).toContain('FAIL phase_state.json unreadable: phase_state.json: refused:');
  });
});

describe('given logs/steps is a symlinked directory outside the root', () => {
  beforeEach(() => {
    renameSync(join(root, 'logs', 'steps'), join(outside, 'steps'));
    symlinkSync(join(outside, 'steps'), join(root, 'logs', 'steps'));
  });

  it('when tested, no step log outside is folded and each is named as refused', async () => {
    const r = await run('runbook', 'test', '--root', root, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ failures: expect.arrayContaining(['step_unreadable']) });
    expect(r.stderr).toMatch(/note: step log not folded: step_001\.json: refused: /);
  });

  it('when cleaned, nothing outside is removed and the refusal is an error', async () => {
    const r = await run('runbook', 'clean', '--root', root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot remove .*step_001\.json\n {2}refused: resolves to /);
    expect(existsSync(join(outside, 'steps', 'step_001.json'))).toBe(true);
  });
});

describe('given phase_state.json is a FIFO', () => {
  beforeEach(() => {
    rmSync(phaseState());
    execFileSync('mkfifo', [phaseState()]);
  });

  it('when tested, it is refused at once, never waited on', async () => {
    const r = await run('runbook', 'test', '--root', root);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL phase_state.json unreadable: phase_state.json: refused: a FIFO');
  });
});

describe('given a relative --summary-file that climbs out of the root', () => {
  it('when summarised, the write is refused (exit 1) and nothing appears outside', async () => {
    const r = await run('runbook', 'summary', '--root', root, '--summary-file', '../outside/run.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot write .*run\.json\n {2}refused: resolves to /);
    expect(existsSync(join(outside, 'run.json'))).toBe(false);
  });

  it('when the SummaryFile is absolute, it is written where the operator put it', async () => {
    const r = await run('runbook', 'summary', '--root', root, '--summary-file', join(outside, 'run.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(outside, 'run.txt'), 'utf8')).toBe(r.stdout);
  });
});

describe('given logs/phase_summary.json is a symlink to a file outside the root', () => {
  it('when summarised, the outside file is not replaced', async () => {
    writeFileSync(join(outside, 'victim.json'), '{}\n');
    rmSync(join(root, 'logs', 'phase_summary.json'), { force: true });
    symlinkSync(join(outside, 'victim.json'), join(root, 'logs', 'phase_summary.json'));
    const r = await run('runbook', 'summary', '--root', root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot write .*phase_summary\.json\n {2}refused: resolves to /m);
    expect(readFileSync(join(outside, 'victim.json'), 'utf8')).toBe('{}\n');
  });
});
