// Which source each value came from, on real files: with no manager state (or one behind the events)
// the page folds events.jsonl itself with the loop's own projections, says so, and agrees with what
// `loop project-state` then writes.
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { AS_OF, copyFixture, get, start, type Started } from './test-kit.js';

let running: Started | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

interface Row {
  loopId: string;
  lifecycle: { state: string; confidence: string | null };
  lastEvent: { name: string | null };
  sources: { lifecycle: string; health: string; lastEvent: string; cursor: string; note: string | null };
}

const rowOf = async (s: Started, id: string) =>
  ((await get(s, '/api/loops')).json['rows'] as Row[]).find((r) => r.loopId === id);

const managerState = (repo: string, loop: string) => join(repo, '.superloop/ops-manager', loop, 'state.json');
const eventsOf = (repo: string, loop: string) => join(repo, '.superloop/loops', loop, 'events.jsonl');

describe('a loop the manager has not projected', () => {
  it('given events and the runtime active for it but no state.json, shows running from the folded events', async () => {
    const repo = copyFixture('dashboard/three-loops');
    rmSync(managerState(repo, 'healthy-loop'));
    running = await start(repo, { watch: false });

    const row = await rowOf(running, 'healthy-loop');

    expect(row?.lifecycle).toEqual({ state: 'running', confidence: 'high' });
    expect(row?.sources).toEqual({
      lifecycle: 'events',
      health: 'manager',
      lastEvent: 'events',
      cursor: 'manager',
      note: '.superloop/ops-manager/healthy-loop/state.json is missing',
    });
    const detail = await get(running, '/api/loops/healthy-loop');
    expect(detail.json['status']).toMatchObject({ lifecycle: { state: 'running' } });
  });

  it('when loop_stop is appended behind the manager state, shows stopped from the events', async () => {
    const repo = copyFixture('dashboard/three-loops');
    running = await start(repo, { watch: false });
    const stop = { timestamp: '2026-02-22T11:59:30Z', event: 'loop_stop', loop_id: 'critical-loop' };
    appendFileSync(eventsOf(repo, 'critical-loop'), `${JSON.stringify(stop)}\n`);
    running.tick();
    await get(running, '/api/config');

    const row = await rowOf(running, 'critical-loop');

    expect(row?.lastEvent.name).toBe('loop_stop');
    expect(row?.lifecycle.state).toBe('stopped');
    expect(row?.sources.lifecycle).toBe('events');
    expect(row?.sources.note).toMatch(/state\.json covers \d+ of \d+ event lines$/);
  });

  it('once `loop project-state` has run, takes the same lifecycle from the manager state', async () => {
    const repo = copyFixture('dashboard/three-loops');
    rmSync(managerState(repo, 'healthy-loop'));
    running = await start(repo, { watch: false });
    const folded = await rowOf(running, 'healthy-loop');
    const { commands } = await import('../commands.js');
    const io = { cwd: repo, env: {}, now: () => Date.parse(AS_OF) };
    const argv = ['loop', 'project-state', '--repo', repo, '--loop', 'healthy-loop', '--as-of', AS_OF];
    expect((await runCaptured(commands, argv, io)).code).toBe(0);
    running.tick();
    await get(running, '/api/config');

    const row = await rowOf(running, 'healthy-loop');

    expect(row?.sources.lifecycle).toBe('manager');
    expect(row?.sources.note).toBeNull();
    expect(row?.lifecycle.state).toBe(folded?.lifecycle.state);
  });
});
