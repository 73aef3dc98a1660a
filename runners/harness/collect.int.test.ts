// Layer 4 on real files: the collector signals each closeout stage once and collects each finished task
// once, by the highest-priority path that fired; --watch reacts to a marker appearing (real fs.watch) and
// to the injected tick stream and clock (no wall-clock timing is asserted anywhere).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NEVER, Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectLine } from '../../lib/harness/collect-projection.js';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { watchCollect, watchDir } from './collect-watch.js';
import { workspaceOf } from './workspace.js';

let root = '';
const NOW = Date.parse('2026-05-28T14:09:30+09:00');
const io = (now = NOW) => ({ cwd: root, env: {}, now: () => now });
const run = (...argv: string[]) => runCaptured(commands, argv, io());
const put = (rel: string, text = '') => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};
const timers = (status: string) =>
  put(
    'memory/task-timers.json',
    JSON.stringify({ tasks: { 'task-2703': { status, started_at: '2026-05-28T13:22:33+09:00' } } }),
  );
const done = () =>
  ['done', 'done.notified', 'anu-notified'].forEach((m) => put(`memory/events/task-2703.${m}`));
const collect = async (...extra: string[]) => {
  const r = await run('harness', 'collect', '--root', root, ...extra);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).records as CollectLine[];
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-collect-'));
  timers('running');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('harness collect (one pass)', () => {
  it('signals WORK_CLOSEOUT_STARTED once, then collects by normal callback once DONE', async () => {
    put('memory/events/task-2703.harness-mvp-active.json', '{}');
    expect((await collect()).map((r) => [r.kind, r.stage])).toEqual([
      ['collect_signal', 'WORK_CLOSEOUT_STARTED'],
    ]);
    expect(await collect()).toEqual([]);
    done();
    timers('completed');
    const recs = await collect();
    expect(recs.map((r) => [r.kind, r.stage])).toEqual([
      ['collect_signal', 'DONE'],
      ['collect_collected', 'DONE'],
    ]);
    expect(recs[1]).toMatchObject({ path: 'normal_callback' });
    expect(await collect()).toEqual([]);
  });
  it('the marker watcher collects when no callback arrived', async () => {
    put('memory/events/task-2703.completion.txt', 'ok');
    timers('completed');
    expect((await collect()).find((r) => r.kind === 'collect_collected')).toMatchObject({
      path: 'closeout_marker_watcher',
    });
  });
  it('the fallback safety-net collects only after --fallback-after minutes from the fire time', async () => {
    timers('completed');
    expect(await collect('--as-of', '2026-05-28T13:40:00+09:00', '--fallback-after', '20')).toEqual([]);
    const recs = await collect('--as-of', '2026-05-28T13:42:33+09:00', '--fallback-after', '20');
    expect(recs).toEqual([
      expect.objectContaining({ kind: 'collect_collected', path: 'fallback_safety_net' }),
    ]);
  });
});

describe('harness collect --watch', () => {
  it('signals as soon as a closeout marker appears (real fs.watch), then stops after the collection', async () => {
    const ws = await workspaceOf({ root }, { ...io(), stdout: process.stdout, stderr: process.stderr });
    const seen: CollectLine[] = [];
    let onSignal: () => void = () => undefined;
    const signalled = new Promise<void>((r) => (onSignal = r));
    const watching = watchCollect(
      ws,
      { changes: watchDir, ticks: NEVER, now: () => NOW },
      { fallbackAfterMin: 30, stopAfterCollected: 1, until: null },
      async (r) => {
        seen.push(r);
        if (r.kind === 'collect_signal' && r.stage === 'WORK_CLOSEOUT_STARTED') onSignal();
      },
    );
    // The first pass runs before the marker exists; the marker then arrives through the watcher.
    await new Promise((r) => setTimeout(r, 50));
    put('memory/events/task-2703.harness-mvp-active.json', '{}');
    await signalled;
    done();
    timers('completed');
    expect(await watching).toBe(1);
    expect(seen.map((r) => (r.kind === 'collect_signal' ? r.stage : r.path))).toEqual([
      'WORK_CLOSEOUT_STARTED',
      'DONE',
      'normal_callback',
    ]);
  });
  it('the fallback fires on an injected tick once the injected clock passes the delay', async () => {
    timers('completed');
    const ws = await workspaceOf({ root }, { ...io(), stdout: process.stdout, stderr: process.stderr });
    const ticks = new Subject<number>();
    let now = Date.parse('2026-05-28T13:30:00+09:00');
    const seen: CollectLine[] = [];
    const watching = watchCollect(
      ws,
      { changes: () => NEVER, ticks, now: () => now },
      { fallbackAfterMin: 30, stopAfterCollected: 1, until: null },
      async (r) => void seen.push(r),
    );
    ticks.next(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([]);
    now = Date.parse('2026-05-28T13:52:33+09:00');
    ticks.next(2);
    expect(await watching).toBe(1);
    expect(seen).toEqual([
      expect.objectContaining({ kind: 'collect_collected', path: 'fallback_safety_net' }),
    ]);
  });
  it('through the CLI prints NDJSON records and stops at --until by the injected clock', async () => {
    put('memory/events/task-2703.harness-mvp-active.json', '{}');
    const r = await run(
      'harness',
      'collect',
      '--root',
      root,
      '--watch',
      '--until',
      '2026-05-28T14:00:00+09:00',
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ kind: 'collect_signal', stage: 'WORK_CLOSEOUT_STARTED' }),
    ]);
  });
});
