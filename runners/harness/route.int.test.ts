// Layer 7 through the CLI: the shipped table answers by id or number; a broken table is refused with
// its problems; an unknown incident names the known ones.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';

let dir = '';
const run = (...argv: string[]) => runCaptured(commands, argv, { cwd: dir, env: {}, now: () => 0 });
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsfold-route-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('harness route', () => {
  it('routes incident #3 (alert-only chair messages) to the watchdog layer, P0', async () => {
    const r = await run('harness', 'route', '--incident', '3');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      id: 'task-2703#3',
      layers: [3],
      layer_names: ['watchdog'],
      priority: 'P0',
    });
  });
  it('lists all eight', async () => {
    expect(JSON.parse((await run('harness', 'route', '--list')).stdout).incidents).toHaveLength(8);
  });
  it('an unknown incident exits 1 and names the known ones', async () => {
    const r = await run('harness', 'route', '--incident', 'task-9999#1');
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('known: task-2703#1, task-2703#2')]);
  });
  it('an invalid table is refused with every problem', async () => {
    const shipped = JSON.parse(
      readFileSync(new URL('../../config/harness-incident-routing.json', import.meta.url), 'utf8'),
    );
    shipped.incidents[4].layers = [];
    writeFileSync(join(dir, 't.json'), JSON.stringify(shipped));
    const r = await run('harness', 'route', '--incident', '1', '--table', 't.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('$.incidents[4].layers: names no layer');
    expect(r.stderr).toContain('no incident routes to layer 0 (task_md_sha)');
  });
});

describe('harness status', () => {
  it('prints a table even for a workspace with timers only', async () => {
    writeFileSync(join(dir, 'x'), '');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'memory'), { recursive: true });
    writeFileSync(
      join(dir, 'memory', 'task-timers.json'),
      JSON.stringify({ tasks: { 'task-1': { status: 'running' } } }),
    );
    const r = await run('harness', 'status', '--root', dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^TASK\s+SPAWN\s+LIVENESS\s+ALERT\s+CLOSEOUT\s+COLLECTED\s+FINISH\s+EVIDENCE$/,
    );
    expect(r.stdout.split('\n')[1]).toMatch(
      /^task-1\s+UNKNOWN\s+unknown\s+-\s+NOT_STARTED\s+-\s+-\s+not_observed$/,
    );
  });
});
