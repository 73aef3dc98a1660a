// A three-node JetStream cluster on loopback (R3 events stream and checkpoint bucket): one node is
// killed (SIGKILL) while `opsfold ship` publishes the fleet, then, with it back, another is killed while
// `fleet reconcile --source` runs. A command cut off by the failover is rerun, as an operator would;
// nothing acknowledged is lost, and the fleet answer equals the file-based fleet reconcile's.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../lib/io/testdata/temp.js';
import { EVENTS_STREAM } from '../../lib/io/nats/names.js';
import { openJetStream } from '../../lib/io/nats/connect.js';
import { natsMissing } from '../../lib/io/nats/testdata/server.js';
import { useNatsCluster } from '../../lib/io/nats/testdata/use-server.js';
import { AS_OF, eventsOf, FLEET_ID, fleetRepos, LOOPS, runIn } from './fleet.test-kit.js';

const tempDir = useTempDirs();
const EXTRA = 2000;
const fleetArgs = ['fleet', 'reconcile', '--as-of', AS_OF, '--deterministic-order', '--trace-id', 't'];

const extra = (loop: string) =>
  Array.from(
    { length: EXTRA },
    (_, i) =>
      `${JSON.stringify({ timestamp: '2026-02-23T12:59:30Z', event: 'tool_call', loop_id: loop, run_id: `run-${loop}`, iteration: 2, data: { i } })}\n`,
  ).join('');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `argv` until it succeeds (`ok`), at most 10 times: a run cut off by a failover is rerun. */
const untilOk = async (cwd: string, argv: string[], ok: (stdout: string) => boolean) => {
  for (let i = 0; ; i += 1) {
    const r = await runIn(cwd, argv);
    if (process.env['OPSFOLD_TEST_TRACE'] === '1')
      console.log(argv[0], argv[1], i, r.code, r.stderr.slice(0, 300));
    if ((r.code === 0 && ok(r.stdout)) || i >= 10) return r;
    await sleep(500);
  }
};

/** The fleet's answer: per loop its status, health and reason, and what its state folded. */
const answerOf = (repo: string, stdout: string) => {
  const s = JSON.parse(stdout) as { status: string; results: Record<string, unknown>[] };
  const loops = LOOPS.map((loop) => {
    const st = JSON.parse(
      fs.readFileSync(join(repo, '.superloop', 'ops-manager', loop, 'state.json'), 'utf8'),
    );
    return { loop, cursor: st.cursor, projection: st.projection, run: st.run };
  });
  const results = s.results.map((r) => [r['loopId'], r['status'], r['healthStatus'], r['reasonCode']]);
  return { status: s.status, results, loops };
};

/** Waits until every replica of the events stream is current again (the restarted node caught up). */
const untilCaughtUp = async (url: string) => {
  const caughtUp = async () => {
    const conn = await openJetStream(url);
    try {
      const replicas = (await conn.jsm.streams.info(EVENTS_STREAM)).cluster?.replicas ?? [];
      return replicas.length === 2 && replicas.every((r) => r.current && r.offline !== true);
    } finally {
      await conn.close();
    }
  };
  for (let i = 0; i < 80; i += 1) {
    if (await caughtUp().catch(() => false)) return;
    await sleep(250);
  }
};

describe.skipIf(natsMissing !== null)(
  `fleet reconcile on a cluster losing a node${natsMissing ?? ''}`,
  () => {
    const nats = useNatsCluster(3);

    it('loses nothing acknowledged and answers as the file-based fleet reconcile', async () => {
      const url = nats.url;
      const { file, runtime, manager } = fleetRepos(tempDir);
      for (const repo of [file, runtime])
        for (const loop of LOOPS) fs.appendFileSync(eventsOf(repo, loop), extra(loop));
      const ship = (loop: string) =>
        untilOk(
          runtime,
          ['ship', '--repo', runtime, '--loop', loop, '--nats', url, '--fleet', FLEET_ID, '--replicas', '3'],
          () => true,
        );
      expect((await ship('loop-alpha')).code).toBe(0);
      const killShip = sleep(30).then(() => nats.nodes[1]?.stop('SIGKILL'));
      for (const loop of LOOPS.slice(1)) expect((await ship(loop)).code).toBe(0);
      await killShip;
      nats.nodes[1] = await nats.nodes[1]!.restart();
      await untilCaughtUp(url);

      const a = await runIn(file, [...fleetArgs, '--repo', file]);
      const success = (out: string) => (JSON.parse(out) as { status: string }).status === 'success';
      const killReconcile = sleep(150).then(() => nats.nodes[2]?.stop('SIGKILL'));
      const b = await untilOk(manager, [...fleetArgs, '--repo', manager, '--source', url], success);
      await killReconcile;
      expect(b.code).toBe(0);
      expect(answerOf(manager, b.stdout)).toEqual(answerOf(file, a.stdout));
      expect(answerOf(manager, b.stdout).loops.map((l) => l.cursor)).toEqual(
        LOOPS.map(() => expect.objectContaining({ eventLineOffset: expect.any(Number) })),
      );
    }, 120_000);
  },
);
