// The escalations step on real files through the node edge: a condition is appended once (its
// checkpoint keeps the next run from appending it again), a corrupt line is quarantined, not fatal,
// and a log symlinked out of its root is neither read nor appended.
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeEdge } from '../io/node-edge.js';
import { escalateOver, type EscalationRun } from './escalations-log.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'opsfold-esclog-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const runIn = (repo: string): EscalationRun => ({
  file: join(repo, 'escalations.jsonl'),
  root: repo,
  opsfoldDir: join(repo, '.opsfold'),
  active: [{ loopId: 'l1', category: 'health_critical', condition: 'STALE', record: { reason: 'STALE' } }],
  scope: { loopId: 'l1', categories: ['health_critical'] },
  asOf: '2026-02-22T10:00:00Z',
});

const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('given an active condition', () => {
  it('appends it once across runs', async () => {
    const run = runIn(tempDir());
    const first = await escalateOver(nodeEdge(), run);
    expect(first).toMatchObject({ kind: 'appended', notes: [] });
    const second = await escalateOver(nodeEdge(), run);
    expect(second).toMatchObject({ kind: 'appended', appended: [] });
    expect(lines(run.file)).toHaveLength(1);
  });
});

describe('given a log with a line that is not JSON', () => {
  it('quarantines the line and notes where it is kept', async () => {
    const run = runIn(tempDir());
    fs.writeFileSync(run.file, 'not json\n');
    const out = await escalateOver(nodeEdge(), run);
    const kept = join(run.opsfoldDir, 'quarantine.jsonl');
    expect(out).toMatchObject({
      kind: 'appended',
      notes: [`skipped 1 unreadable line(s) of ${run.file}; kept in ${kept}`],
    });
    expect(JSON.parse(lines(kept)[0] ?? '')).toMatchObject({ file: run.file, line: 1, raw: 'not json' });
  });
});

describe('given a log symlinked outside its root', () => {
  it('answers outside and leaves the target untouched', async () => {
    const run = runIn(tempDir());
    const target = join(tempDir(), 'elsewhere.jsonl');
    fs.writeFileSync(target, '');
    fs.symlinkSync(target, run.file);
    expect(await escalateOver(nodeEdge(), run)).toMatchObject({ kind: 'outside' });
    expect(fs.readFileSync(target, 'utf8')).toBe('');
  });
});
