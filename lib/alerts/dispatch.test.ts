// The dispatch step over an edge it is given: what it does when the pass itself cannot run.
import { describe, expect, it } from 'vitest';
import { nodeEdge, type Edge } from '../io/node-edge.js';
import type { Store } from '../io/store.js';
import { dispatchAlerts, runDispatch } from './dispatch.js';
import { DispatchError } from './dispatch-error.js';

const options = { cwd: '/w', repo: 'repo', loopId: 'L', env: {}, now: () => 0, asOf: '2026-02-22T11:00:00Z' };

/** A node edge whose repo exists and whose appends are recorded instead of written. */
const edgeWith = (appended: [string, unknown[]][], over: Partial<Edge>): Edge => {
  const store = (root: string) =>
    ({
      root,
      append: async (path: string, records: readonly unknown[]) => {
        appended.push([path, [...records]]);
      },
    }) as unknown as Store;
  return { ...nodeEdge(), isDirectory: async () => true, ensureDir: async () => undefined, store, ...over };
};

describe('a dispatch pass that cannot run', () => {
  it('given another dispatch holds the lock, when reconcile runs the pass, then it records alert_dispatch_failed and returns the message', async () => {
    const appended: [string, unknown[]][] = [];
    const edge = edgeWith(appended, {
      tryLock: async () => {
        throw new Error('lock held');
      },
    });
    const r = await dispatchAlerts(edge, options);
    expect(r).toEqual({ status: 'failed_command', message: 'error: lock held' });
    expect(appended).toHaveLength(1);
    expect(appended[0]?.[0]).toBe('/w/repo/.superloop/ops-manager/L/telemetry/alerts.jsonl');
    expect(appended[0]?.[1][0]).toMatchObject({ loopId: 'L', timestamp: '2026-02-22T11:00:00Z' });
  });

  it('given a loop id with a path separator, then the pass refuses it as a usage problem before touching a file', async () => {
    const appended: [string, unknown[]][] = [];
    const failure = await runDispatch(edgeWith(appended, {}), { ...options, loopId: '../x' }).catch((e) => e);
    expect(failure).toBeInstanceOf(DispatchError);
    expect((failure as DispatchError).usage).toBe(true);
    expect(appended).toEqual([]);
  });
});
