// Control's records go to logs the Superloop runtime and the reference's scripts also append to,
// without opsfold's lock. A line such a writer has not finished must never be altered: control waits
// for it to be completed, then appends its own record once, as a whole line.
import fs from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../lib/io/testdata/temp.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import { recordPorts } from './records.js';

const tempDir = useTempDirs();

const ports = (managerDir: string): ReturnType<typeof recordPorts> =>
  recordPorts({ managerDir, repo: managerDir, opsfoldDir: managerDir } as LoopPaths, {
    ms: () => 0,
    iso: () => '2026-03-01T00:00:00Z',
  });

const lines = (file: string): unknown[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

describe('when another writer is half-way through a line of intents.jsonl', () => {
  it('waits for that line to be completed, then appends its record once; both lines stay whole', async () => {
    const p = ports(tempDir());
    const file = p.files.intents;
    fs.mkdirSync(join(file, '..'), { recursive: true });
    fs.writeFileSync(file, '{"intent":"earlier"}\n{"intent":"runtime","status":');
    const appending = p.append(file, [{ intent: 'control' }]);
    await sleep(300);
    fs.appendFileSync(file, '"done"}\n');
    await appending;
    expect(lines(file)).toEqual([
      { intent: 'earlier' },
      { intent: 'runtime', status: 'done' },
      { intent: 'control' },
    ]);
  });
});

describe('when the unfinished line was left by a writer that died (no byte written for a while)', () => {
  it('seals that fragment on its own line and appends its record whole', async () => {
    const p = ports(tempDir());
    const file = p.files.invocations;
    fs.mkdirSync(join(file, '..'), { recursive: true });
    fs.writeFileSync(file, '{"crashed":');
    const minuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(file, minuteAgo, minuteAgo);
    await p.append(file, [{ intent: 'control' }]);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"crashed":\n{"intent":"control"}\n');
  });
});
