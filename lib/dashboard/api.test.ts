import { describe, expect, it } from 'vitest';
import { apiAnswer, type ApiPorts } from './api.js';
import { memoryEdge, memoryRepo } from './memory-edge.test-kit.js';
import { ReadModel } from './read-model.js';

const AS_OF = Date.parse('2026-02-22T12:00:00Z');

const ports = async (over: Partial<ApiPorts> = {}): Promise<ApiPorts> => {
  const repo = memoryRepo();
  repo.dirs = ['alpha', 'beta'];
  const model = new ReadModel(memoryEdge(repo));
  await model.refresh();
  return {
    model,
    clock: () => AS_OF,
    asOfIso: null,
    controlEnabled: false,
    controlTimeoutSeconds: 30,
    views: () => Promise.resolve([{ name: 'queue', title: 'Queue' }]),
    renderView: () => Promise.resolve(null),
    eventsPage: () => Promise.resolve({ kind: 'missing' }),
    ...over,
  };
};
const q = (params: Record<string, string> = {}) => new URLSearchParams(params);

describe('the JSON API', () => {
  it('answers the config with the views this repo has and whether control is on', async () => {
    const a = await apiAnswer(await ports(), { kind: 'config' }, q());
    expect(a).toEqual({
      status: 200,
      body: {
        repo: '/r',
        asOf: null,
        control: false,
        controlTimeoutSeconds: 30,
        views: [{ name: 'queue', title: 'Queue' }],
        version: 1,
      },
    });
  });

  it('answers the overview as of the clock, sorted as asked', async () => {
    const a = await apiAnswer(await ports(), { kind: 'loops' }, q({ sort: 'loop', dir: 'desc' }));
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      generatedAt: '2026-02-22T12:00:00Z',
      rows: [{ loopId: 'beta' }, { loopId: 'alpha' }],
    });
  });

  it('answers 404 naming the listed loops for a loop that is not listed', async () => {
    const a = await apiAnswer(await ports(), { kind: 'loop', loopId: 'gamma' }, q());
    expect(a).toEqual({ status: 404, body: { error: 'no such loop: gamma', loops: ['alpha', 'beta'] } });
  });

  it('refuses a timeline query that is not a byte offset, and answers a missing log as empty', async () => {
    const c = await ports();
    const events = { kind: 'events', loopId: 'alpha' } as const;
    expect((await apiAnswer(c, events, q({ before: 'x' }))).status).toBe(400);
    expect(await apiAnswer(c, events, q())).toEqual({
      status: 200,
      body: {
        loopId: 'alpha',
        file: '.superloop/loops/alpha/events.jsonl',
        kind: 'missing',
        items: [],
        nextBefore: null,
      },
    });
  });

  it('answers 404 for a view this repo does not have', async () => {
    const a = await apiAnswer(await ports(), { kind: 'view', name: 'queue' }, q());
    expect(a).toEqual({ status: 404, body: { error: 'no queue view in this repo' } });
  });
});
