import { describe, expect, it } from 'vitest';
import { availableViews, DOMAIN_VIEWS, sectionJson } from './domain-views.js';

const table = [{ path: ['queue', 'status'] }, { path: ['fleet', 'promotion-gates'] }];
const existing =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('the other domains’ views', () => {
  it('exist only when their command is in the table and the repo holds their data', () => {
    const exists = existing('/r/automation/orchestrator/QUEUE.md', '/r/memory/harness');
    expect(availableViews(table, '/r', exists).map((v) => v.name)).toEqual(['queue']);
  });

  it('read the queue database when there is one, else QUEUE.md', () => {
    const queue = DOMAIN_VIEWS.find((v) => v.name === 'queue');
    const withDb = queue?.steps('/r', null, existing('/r/automation/orchestrator/db/queue.db'));
    expect(withDb?.[0]).toMatchObject({
      argv: ['queue', 'status', '--db', '/r/automation/orchestrator/db/queue.db'],
    });
    const withMd = queue?.steps('/r/', '2026-02-22T12:00:00Z', existing());
    expect(withMd?.[0]).toMatchObject({
      argv: ['queue', 'status', '--queue', '/r/automation/orchestrator/QUEUE.md'],
    });
    expect(withMd?.[2]).toMatchObject({ argv: expect.arrayContaining(['--as-of', '2026-02-22T12:00:00Z']) });
  });

  it('show the promotion gates as rows, and a document without gates as it is', () => {
    const promotion = DOMAIN_VIEWS.find((v) => v.name === 'promotion');
    const step = promotion?.steps('/r', null, existing())[0];
    if (step?.kind !== 'file' || step.shape === undefined) throw new Error('a file step with a shape');
    expect(step.file).toBe('/r/.superloop/ops-manager/fleet/promotion-state.json');
    expect(step.shape({ x: 1 })).toEqual({ x: 1 });
    expect(step.shape({ gates: { governance: { status: 'pass' } } })).toMatchObject({
      gates: [{ gate: 'governance', status: 'pass', reasonCodes: '' }],
    });
  });
});

describe("a command's output in a view section", () => {
  it('is JSON only when it is a JSON object or array', () => {
    expect(sectionJson(' {"a":1}\n')).toEqual({ a: 1 });
    expect(sectionJson('[1]')).toEqual([1]);
    expect(sectionJson('ok: 3 loops')).toBeNull();
    expect(sectionJson('{not json')).toBeNull();
    expect(sectionJson('42')).toBeNull();
  });
});
