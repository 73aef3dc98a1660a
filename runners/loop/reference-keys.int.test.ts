// loop reconcile against the Superloop reference's own ops-manager-reconcile.sh on the same trees
// (copies of fixtures/loop/running, timestamps shifted to now), with the same --trace-id: every key
// path the reference writes in each manager file exists in opsfold's, with the same enum and boolean
// values (opsfold may only add keys). Needs a reference checkout in SUPERLOOP_REF, bash and jq; the
// reference reads the clock, so opsfold runs with --as-of of the same second. The sprite_service case
// runs the reference's own service (python3) and points both tools at it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';

const REF = process.env['SUPERLOOP_REF'] ?? '';
const SCRIPT = join(REF, 'scripts', 'ops-manager-reconcile.sh');
const onPath = (bin: string) =>
  (process.env['PATH'] ?? '').split(':').some((d) => d !== '' && existsSync(join(d, bin)));
const hasJq = onPath('jq');
const runnable = REF !== '' && existsSync(SCRIPT) && hasJq;
const SERVICE = join(REF, 'scripts', 'ops-manager-sprite-service.py');
const SKIP_REASON = runnable ? '' : ' (skipped: set SUPERLOOP_REF to a Superloop checkout; needs jq)';

const LOOP = 'running';
// Keys whose values are enums (compared as sets per path); booleans are compared everywhere.
const ENUM_KEYS = new Set([
  'status',
  'reasonCode',
  'reasonCodes',
  'healthStatus',
  'healthReasonCodes',
  'sequenceStatus',
  'sequenceReasonCode',
  'violations',
  'category',
  'freshnessStatus',
  'lastResult',
  'failureCode',
  'transport',
  'code',
  'severity',
  'schemaVersion',
]);

let work = '';
const repoOf = (who: 'ref' | 'ops') => join(work, who);
const managerDir = (who: 'ref' | 'ops') => join(repoOf(who), '.superloop', 'ops-manager', LOOP);
const eventsFile = (who: 'ref' | 'ops') => join(repoOf(who), '.superloop', 'loops', LOOP, 'events.jsonl');
const both = (fn: (who: 'ref' | 'ops') => void) => (['ref', 'ops'] as const).forEach(fn);

/** Every ISO timestamp in the tree moved so the runtime's last heartbeat is `lagSeconds` ago. */
const shiftTree = (dir: string, lagSeconds: number) => {
  const delta = Date.now() - lagSeconds * 1000 - Date.parse('2026-02-09T22:45:27Z');
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const f = join(e.parentPath, e.name);
    const text = readFileSync(f, 'utf8').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, (ts) =>
      new Date(Date.parse(ts) + delta).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
    writeFileSync(f, text);
  }
};

const reconcileBoth = async (...extra: string[]) => {
  const asOf = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const args = ['--loop', LOOP, '--trace-id', 'trace-cmp', '--alerts-enabled', 'false', ...extra];
  const ref = spawnSync('bash', [SCRIPT, '--repo', repoOf('ref'), ...args], { encoding: 'utf8' });
  const ops = await runCaptured(
    commands,
    ['loop', 'reconcile', '--repo', repoOf('ops'), ...args, '--as-of', asOf],
    {
      cwd: work,
      env: {},
      now: () => Date.parse(asOf),
    },
  );
  expect(ops.code === 0, `${ref.stderr}\n${ops.stderr}`).toBe(ref.status === 0);
};

type Leaves = Map<string, Set<string>>;
const walk = (v: unknown, path: string, out: Leaves) => {
  const add = (p: string, value: string | null) => {
    const s = out.get(p) ?? new Set<string>();
    if (value !== null) s.add(value);
    out.set(p, s);
  };
  const key = path.split('.').at(-1)?.replace('[]', '') ?? '';
  const primitive = v === null || typeof v !== 'object';
  const compared = typeof v === 'boolean' || (primitive && ENUM_KEYS.has(key));
  if (path !== '') add(path, compared ? JSON.stringify(v) : null);
  if (Array.isArray(v)) v.forEach((x) => walk(x, `${path}[]`, out));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) walk(x, path === '' ? k : `${path}.${k}`, out);
};
const leavesOf = (file: string): Leaves => {
  const out: Leaves = new Map();
  const text = readFileSync(file, 'utf8');
  const docs = file.endsWith('.jsonl') ? text.split('\n').filter((l) => l.trim() !== '') : [text];
  for (const d of docs) walk(JSON.parse(d), '', out);
  return out;
};

/** What the reference's file `rel` holds that opsfold's does not: key paths and enum values. */
const fileGaps = (rel: string, ours: Leaves): string[] =>
  [...leavesOf(join(managerDir('ref'), rel))].flatMap(([path, values]) => {
    const got = ours.get(path);
    if (got === undefined) return [`${rel}: ${path} missing`];
    return [...values]
      .filter((v) => !got.has(v))
      .map((v) => `${rel}: ${path} = ${v}, opsfold: ${[...got].join('|')}`);
  });

/** What the reference wrote that opsfold did not: missing files, key paths and enum values. */
const gaps = (): string[] =>
  readdirSync(managerDir('ref'), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .flatMap((e) => {
      const rel = relative(managerDir('ref'), join(e.parentPath, e.name));
      const mine = join(managerDir('ops'), rel);
      return existsSync(mine) ? fileGaps(rel, leavesOf(mine)) : [`${rel}: not written`];
    });

let service: ChildProcess | null = null;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-refkeys-'));
});
afterEach(() => {
  service?.kill();
  service = null;
  rmSync(work, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((done) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => done(port));
    });
  });

/** The reference's sprite service over `repo`, answering once it is up; its base URL. */
const startService = async (repo: string): Promise<string> => {
  const port = await freePort();
  service = spawn(
    'python3',
    [SERVICE, '--repo', repo, '--host', '127.0.0.1', '--port', String(port), '--token', 'tok'],
    {
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${url}/healthz`, { headers: { 'X-Ops-Token': 'tok' } }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return url;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the reference sprite service did not start');
};

const given = (lagSeconds: number) =>
  both((who) => {
    cpSync(new URL('../../fixtures/loop/running', import.meta.url), repoOf(who), { recursive: true });
    shiftTree(join(repoOf(who), '.superloop'), lagSeconds);
  });

describe.skipIf(!runnable)(`loop reconcile writes every key the reference writes${SKIP_REASON}`, () => {
  it('given a fresh local loop: first pass, a new event, a shrunk log replayed from the start, then a failed ingest', async () => {
    given(30);
    await reconcileBoth();
    expect(gaps()).toEqual([]);
    const event = { timestamp: new Date().toISOString(), event: 'role_end', loop_id: LOOP, iteration: 2 };
    both((who) => appendFileSync(eventsFile(who), `${JSON.stringify(event)}\n`));
    await reconcileBoth();
    expect(gaps()).toEqual([]);
    both((who) =>
      writeFileSync(eventsFile(who), `${readFileSync(eventsFile(who), 'utf8').split('\n')[0]}\n`),
    );
    await reconcileBoth('--from-start');
    expect(gaps()).toEqual([]);
    const drift = JSON.parse(readFileSync(join(managerDir('ops'), 'sequence-state.json'), 'utf8'));
    expect(drift).toMatchObject({
      status: 'ordering_drift_detected',
      transition: { transitionedToDrift: true },
    });
    both((who) => rmSync(eventsFile(who)));
    await reconcileBoth();
    expect(gaps()).toEqual([]);
    const failed = (who: 'ref' | 'ops') =>
      readFileSync(join(managerDir(who), 'telemetry', 'reconcile.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .at(-1) ?? '';
    both((who) =>
      expect(JSON.parse(failed(who))).toMatchObject({
        sequenceStatus: 'skipped_ingest_failed',
        failureMessage: expect.stringMatching(/^error: required artifact missing: /),
      }),
    );
  }, 240_000);

  it('given a loop whose heartbeat is a few minutes old (degraded)', async () => {
    given(200);
    await reconcileBoth();
    expect(gaps()).toEqual([]);
  }, 120_000);

  it('given a loop stale for hours (critical)', async () => {
    given(4 * 3600);
    await reconcileBoth();
    expect(gaps()).toEqual([]);
  }, 120_000);

  it.skipIf(!onPath('python3'))(
    'given the sprite_service transport (the reference service): a pass, then a failed one when it is gone',
    async () => {
      const served = join(work, 'served');
      cpSync(new URL('../../fixtures/loop/running', import.meta.url), served, { recursive: true });
      shiftTree(join(served, '.superloop'), 30);
      both((who) => mkdirSync(repoOf(who)));
      const url = await startService(served);
      const flags = ['--transport', 'sprite_service', '--service-base-url', url, '--service-token', 'tok'];
      const once = ['--retry-attempts', '1', '--retry-backoff-seconds', '0'];
      await reconcileBoth(...flags);
      expect(gaps()).toEqual([]);
      service?.kill();
      service = null;
      await reconcileBoth(...flags, ...once);
      expect(gaps()).toEqual([]);
    },
    120_000,
  );
});
