import { describe, expect, it } from 'vitest';
import { memoryEdge, memoryFiles, memoryRepo } from './memory-edge.test-kit.js';
import { ReadModel } from './read-model.js';
import { updateWindows } from './windows.js';

const asOf = { ms: Date.parse('2026-02-22T12:00:00Z'), iso: '2026-02-22T12:00:00Z' };

describe('the read model', () => {
  it('given two loop directories, lists a row for each and watches their directories', async () => {
    const repo = memoryRepo();
    repo.dirs = ['beta', 'alpha'];
    const model = new ReadModel(memoryEdge(repo));

    const change = await model.refresh();

    expect(change).toEqual({ version: 1, loopIds: ['alpha', 'beta'], listChanged: true });
    expect(model.rows(asOf).map((r) => r.loopId)).toEqual(['alpha', 'beta']);
    expect(model.watchDirs()).toContain('/r/.superloop/loops/alpha');
    expect(model.repo).toBe('/r');
  });

  it('when nothing changed since the last refresh, reads nothing again and answers null', async () => {
    const repo = memoryRepo();
    repo.dirs = ['alpha'];
    const folds: string[] = [];
    const model = new ReadModel(memoryEdge(repo, folds));
    await model.refresh();

    const again = await model.refresh();

    expect(again).toBeNull();
    expect(folds).toEqual(['alpha']);
    repo.signature = '2';
    expect(await model.refresh()).toEqual({ version: 2, loopIds: ['alpha'], listChanged: false });
  });

  it('when a loop fails to read, keeps its row with the error', async () => {
    const repo = memoryRepo();
    repo.dirs = ['alpha'];
    repo.failing.set('alpha', 'disk on fire');
    const model = new ReadModel(memoryEdge(repo));

    await model.refresh();

    expect(model.failureOf('alpha')).toBe('disk on fire');
    expect(model.rows(asOf)[0]?.problems).toContainEqual({
      file: '.superloop/loops/alpha',
      kind: 'corrupt',
      reason: 'disk on fire',
    });
  });

  it('given a reconcile log, shows its last record in the detail and its artifact as read', async () => {
    const repo = memoryRepo();
    repo.dirs = ['alpha'];
    const f = memoryFiles('alpha');
    repo.logs.set(f.manager.reconcileTelemetryFile, [{ status: 'ok', timestamp: '2026-02-22T11:59:00Z' }]);
    const model = new ReadModel(memoryEdge(repo));
    await model.refresh();

    const detail = await model.model('alpha')?.detail(asOf);

    expect(detail?.status).toMatchObject({ reconcile: { lastStatus: 'ok' } });
    expect(detail?.artifacts).toContainEqual({ file: f.shown(f.manager.reconcileTelemetryFile), kind: 'ok' });
  });

  it('updates every window and answers each one by name', async () => {
    const repo = memoryRepo();
    const windows = memoryEdge(repo).windowsOf(memoryFiles('alpha'));

    const states = await updateWindows(windows);

    expect(Object.keys(states)).toEqual([
      'intents',
      'invocations',
      'control',
      'reconcile',
      'alerts',
      'escalations',
    ]);
    expect(states['alerts']).toEqual({
      file: '.superloop/ops-manager/alpha/telemetry/alerts.jsonl',
      kind: 'missing',
    });
  });

  it('given events and no state.json, shows the lifecycle folded from the events and says so', async () => {
    const repo = memoryRepo();
    repo.dirs = ['alpha'];
    const f = memoryFiles('alpha');
    const event = (name: string, minute: number) => ({
      timestamp: `2026-02-22T11:5${minute}:00Z`,
      event: name,
      loop_id: 'alpha',
    });
    repo.logs.set(f.paths.events, [event('iteration_start', 0), event('role_start', 1)]);
    repo.docs.set(f.paths.state, { active: true, current_loop_id: 'alpha' });
    const model = new ReadModel(memoryEdge(repo));
    await model.refresh();

    const row = model.rows(asOf)[0];

    expect(row?.lifecycle).toEqual({ state: 'running', confidence: 'high' });
    expect(row?.sources).toMatchObject({
      lifecycle: 'events',
      note: '.superloop/ops-manager/alpha/state.json is missing',
    });

    repo.logs.set(f.paths.events, [event('iteration_start', 0), event('loop_stop', 2)]);
    repo.docs.set(f.paths.state, { active: false, current_loop_id: 'alpha' });
    repo.signature = '2';
    await model.refresh();
    expect(model.rows(asOf)[0]?.lifecycle.state).toBe('stopped');
  });
});
