// Escalations are appended only to a log inside the repo: an escalations.jsonl symlinked to a file
// outside it is refused (and left untouched), while a regular log is appended to.
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../../cli/errors.js';
import { escalate, type EscalationRun } from './escalations-log.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'opsfold-esc-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const runIn = (repo: string): EscalationRun => {
  const mgr = join(repo, '.superloop', 'ops-manager', 'l1');
  fs.mkdirSync(mgr, { recursive: true });
  return {
    file: join(mgr, 'escalations.jsonl'),
    root: repo,
    opsfoldDir: join(repo, '.opsfold', 'loop', 'l1'),
    active: [{ loopId: 'l1', category: 'health_critical', condition: 'STALE', record: { reason: 'STALE' } }],
    scope: { loopId: 'l1', categories: ['health_critical'] },
    asOf: '2026-02-22T10:00:00Z',
  };
};

describe('escalate', () => {
  it('appends to a log inside the repo', async () => {
    const run = runIn(tempDir());
    const out = await escalate(run);
    expect(out.appended.length).toBeGreaterThan(0);
    expect(fs.readFileSync(run.file, 'utf8').split('\n').filter(Boolean)).toHaveLength(out.appended.length);
  });

  it('refuses an escalations.jsonl symlinked outside the repo, leaving the target untouched', async () => {
    const run = runIn(tempDir());
    const target = join(tempDir(), 'elsewhere.jsonl');
    fs.writeFileSync(target, '');
    fs.symlinkSync(target, run.file);
    const err = await escalate(run).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as Error).message).toBe(`artifact resolves outside the repo: ${run.file}`);
    expect(fs.readFileSync(target, 'utf8')).toBe('');
  });
});
