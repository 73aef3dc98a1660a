// Law of alert dispatch under crashes: cut a dispatch run at every one of its writes (ledger appends,
// telemetry appends, the state write; half of the cuts leave a torn, half-written line), then re-run
// it with healthy sinks until it is quiet. Then
//   1. no acknowledged delivery was sent again: every Idempotency-Key got at most one 2xx answer, except
//      the one whose ledger record was the cut write (acknowledged by the sink, never recorded by us);
//   2. every escalation reached every sink its route names;
//   3. the ledger holds every delivery, nothing is pending, the cursor is at the end, and one more run
//      sends nothing.
// Real HTTP on 127.0.0.1; sinks failing during the cut run answer 500 (so retries are exercised too).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryKey } from '../lib/alerts/ledger.js';
import { nodeSeam, type WriteSeam } from '../lib/io/fs-seam.js';
import { runDispatch, type DispatchOptions } from '../runners/alerts/dispatch.js';
import { startReceiver, type Receiver } from '../runners/alerts/receiver.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const LOOP = 'demo-loop';
const SINKS = ['hook', 'slack', 'pager'] as const;
type Sink = (typeof SINKS)[number];
const KINDS = ['crit', 'degraded', 'below', 'blank', 'invalid', 'nocat'] as const;
type Kind = (typeof KINDS)[number];

let rx: Receiver;
let root = '';
let failing = new Set<Sink>();
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-alerts-crash-'));
  rx = await startReceiver((path) => (failing.has(path.split('/')[1] as Sink) ? 500 : 200));
});
afterAll(async () => {
  await rx.close();
  rmSync(root, { recursive: true, force: true });
});

const rowText = (kind: Kind, i: number): string => {
  const ts = `2026-02-22T10:${String(i).padStart(2, '0')}:00Z`;
  if (kind === 'blank') return '';
  if (kind === 'invalid') return `not-json-${i}`;
  if (kind === 'nocat') return JSON.stringify({ timestamp: ts, loopId: LOOP });
  const category = kind === 'crit' ? 'health_critical' : 'health_degraded';
  return JSON.stringify({
    timestamp: ts,
    loopId: LOOP,
    category,
    ...(kind === 'below' ? { severity: 'info' } : {}),
  });
};
const routeOf = (kind: Kind): Sink[] =>
  kind === 'crit' ? ['pager', 'slack'] : kind === 'degraded' ? ['hook'] : [];

const expectedKeys = (kinds: readonly Kind[]): string[] =>
  kinds.flatMap((kind, i) => {
    const rowSha256 = createHash('sha256').update(rowText(kind, i)).digest('hex');
    return routeOf(kind).map((sinkId) => deliveryKey({ loopId: LOOP, line: i + 1, rowSha256, sinkId }));
  });

const setUp = (kinds: readonly Kind[]): string => {
  const work = mkdtempSync(join(root, 'case-'));
  const ops = join(work, 'repo', '.superloop', 'ops-manager', LOOP);
  mkdirSync(ops, { recursive: true });
  writeFileSync(join(ops, 'escalations.jsonl'), kinds.map((k, i) => `${rowText(k, i)}\n`).join(''));
  const sinks = {
    hook: { enabled: true, type: 'webhook', urlEnv: 'HOOK_URL', timeoutSeconds: 2 },
    slack: { enabled: true, type: 'slack', webhookUrlEnv: 'SLACK_URL', timeoutSeconds: 2 },
    pager: {
      enabled: true,
      type: 'pagerduty_events',
      routingKeyEnv: 'PD_KEY',
      eventsUrl: `${rx.url}/pager`,
      timeoutSeconds: 2,
    },
  };
  const routing = {
    defaultSinks: ['hook'],
    categorySeverity: { health_critical: 'critical', health_degraded: 'warning' },
    routes: [{ category: 'health_critical', sinks: ['pager', 'slack'], minSeverity: 'critical' }],
  };
  writeFileSync(
    join(work, 'sinks.json'),
    JSON.stringify({ schemaVersion: 'v1', defaultMinSeverity: 'warning', sinks, routing }),
  );
  return work;
};

// A process crash loses nothing the kernel already has, so the runs skip fsync: only the cut matters.
const noSync: WriteSeam = { ...nodeSeam, fsync: async () => undefined };

const options = (work: string, maxEscalations: number, seam: WriteSeam = noSync): DispatchOptions => ({
  cwd: work,
  env: {
    HOOK_URL: `${rx.url}/hook/h-secret`,
    SLACK_URL: `${rx.url}/slack/s-secret`,
    PD_KEY: 'pd-secret-key',
  },
  now: () => Date.parse('2026-02-22T12:00:00Z'),
  repo: 'repo',
  loopId: LOOP,
  alertConfigFile: 'sinks.json',
  traceId: 'trace-prop',
  maxEscalations,
  retryAttempts: 1,
  maxDeliveryRuns: 0,
  sleep: async () => undefined,
  seam,
});

/** A seam that counts writes and, at write number `cutAt`, fails (leaving half the bytes when `torn`). */
const cutting = (cutAt: number, torn: boolean) => {
  const s = { writes: 0, cutKey: null as string | null };
  const seam: WriteSeam = {
    ...noSync,
    write: async (handle, data) => {
      const n = s.writes;
      s.writes += 1;
      if (n !== cutAt) return nodeSeam.write(handle, data);
      const record = data.toString('utf8').trim();
      if (record.startsWith('{"type":"delivered"')) s.cutKey = (JSON.parse(record) as { key: string }).key;
      if (torn) await nodeSeam.write(handle, data.subarray(0, Math.floor(data.length / 2)));
      throw new Error('crash: power lost mid-write');
    },
  };
  return { seam, s };
};

const okCounts = (): Map<string, number> => {
  const m = new Map<string, number>();
  for (const r of rx.received) {
    const key = String(r.headers['idempotency-key']);
    if (r.answer === 200) m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
};

const recover = async (work: string, maxEscalations: number): Promise<void> => {
  failing = new Set();
  for (let i = 0; i < 40; i += 1) {
    const { state } = await runDispatch(options(work, maxEscalations));
    if (state.processedCount === 0 && state.retry.rows === 0) return;
  }
  throw new Error('dispatch never went quiet');
};

const checkCut = async (kinds: readonly Kind[], fail: Set<Sink>, maxEscalations: number, cutAt: number) => {
  const work = setUp(kinds);
  rx.received.length = 0;
  failing = fail;
  const cut = cutting(cutAt, cutAt % 2 === 1);
  await runDispatch(options(work, maxEscalations, cut.seam)).catch((err: Error) => {
    if (!err.message.includes('crash') && !String(err.cause ?? '').includes('crash')) throw err;
  });
  await recover(work, maxEscalations);
  const counts = okCounts();
  for (const [key, n] of counts)
    expect(n, `key ${key} cut at write ${cutAt}`).toBeLessThanOrEqual(key === cut.s.cutKey ? 2 : 1);
  for (const key of expectedKeys(kinds))
    expect(counts.get(key) ?? 0, `key ${key} never delivered`).toBeGreaterThanOrEqual(1);
  const sentBefore = rx.received.length;
  const last = await runDispatch(options(work, 0));
  expect([rx.received.length, last.state.retry.pending, last.state.escalationsLineOffset]).toEqual([
    sentBefore,
    0,
    kinds.length,
  ]);
  rmSync(work, { recursive: true, force: true });
  return cut.s.writes;
};

describe('alert dispatch cut at every write', () => {
  it('never resends an acknowledged delivery and eventually delivers every escalation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 5 }),
        fc.subarray([...SINKS]),
        fc.nat({ max: 3 }),
        async (kinds, fail, maxEscalations) => {
          const total = await checkCut(kinds, new Set(fail), maxEscalations, Number.MAX_SAFE_INTEGER);
          for (let cutAt = 0; cutAt < total; cutAt += 1)
            await checkCut(kinds, new Set(fail), maxEscalations, cutAt);
        },
      ),
      { seed, numRuns: Number(process.env.FC_RUNS ?? 6), verbose: true },
    );
  });
});
