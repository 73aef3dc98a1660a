// A three-node JetStream cluster on loopback with the events stream replicated three times: one node is
// killed (SIGKILL) while ship publishes; ship goes on through the others (or a rerun finishes it),
// nothing it acknowledged is lost, no line is in the stream twice, and the fold from the stream, with the
// node still down, equals the fold of the file.
import fs from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../testdata/temp.js';
import { kvCheckpointStore } from './checkpoint-store.js';
import { ensureEventsStream, type JetStreamConn } from './connect.js';
import { EVENTS_STREAM, loopAddress } from './names.js';
import { shipEvents } from './ship.js';
import { foldFromFile, foldFromStream, messagesOf, shipCursors } from './testdata/fold-kit.js';
import { natsMissing } from './testdata/server.js';
import { useNatsCluster } from './testdata/use-server.js';

const tempDir = useTempDirs();
const LINES = 3000;

describe.skipIf(natsMissing !== null)(`a three-node cluster losing a node${natsMissing ?? ''}`, () => {
  const nats = useNatsCluster(3, { connect: true });
  beforeAll(() => untilCreated(nats.conn));

  it('loses nothing acknowledged and folds as the file does', async () => {
    const dir = tempDir();
    const file = join(dir, 'events.jsonl');
    const text = Array.from({ length: LINES }, (_, i) =>
      JSON.stringify({ i, pad: 'x'.repeat(100 + (i % 100)) }),
    ).join('\n');
    const at = loopAddress('cluster', 'demo');
    const checkpoints = kvCheckpointStore(nats.conn, at, 3);
    // A fleet already running: its first lines shipped and folded (bucket and consumer exist, R3).
    fs.writeFileSync(file, '{"i":-1}\n');
    await shipEvents(nats.conn, { file, at, cursors: shipCursors(dir), replicas: 3 });
    await foldFromStream(nats.conn, at, { fetchSize: 10, checkpoints });
    fs.appendFileSync(file, `${text}\n`);
    let killed = false;
    // The first batch is acknowledged; the node dies before its cursor is saved and the next batch is sent.
    const beforeSave = async () => {
      if (killed) return;
      killed = true;
      await nats.nodes[1]?.stop('SIGKILL');
    };
    const ship = () =>
      shipEvents(nats.conn, { file, at, cursors: shipCursors(dir), replicas: 3, beforeSave });
    const done = (await ship().catch(() => null)) ?? (await ship());
    expect(killed).toBe(true);
    expect(done.cursor.lines).toBe(LINES + 1);
    const info = await rerun(() => untilNoticed(nats.conn));
    expect(info.config.num_replicas).toBe(3);
    expect(await messagesOf(nats.conn, at)).toBe(LINES + 1);
    // A fold during the failover (the meta leader may be the dead node) times out; the operator reruns it.
    const folded = await rerun(() => foldFromStream(nats.conn, at, { fetchSize: 500, checkpoints }));
    expect(folded).toEqual(await foldFromFile(file));
  });
});

// Waits until the stream's leader reports the killed peer offline, as an operator's next run would.
const untilNoticed = async (conn: JetStreamConn) => {
  for (let i = 0; ; i += 1) {
    const info = await conn.jsm.streams.info(EVENTS_STREAM);
    if (info.cluster?.replicas?.some((r) => r.offline === true) === true || i > 40) return info;
    await new Promise((r) => setTimeout(r, 250));
  }
};

const rerun = async <T>(f: () => Promise<T>): Promise<T> => {
  for (let i = 0; ; i += 1) {
    try {
      return await f();
    } catch (err) {
      console.log('RERUN', i, (err as Error).stack?.split('\n').slice(0, 12).join(' / '));
      if (i >= 10) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
};

// Until the new cluster has placed its peers, creating an R3 stream is refused; ship creates it too.
const untilCreated = async (conn: JetStreamConn): Promise<void> => {
  for (let i = 0; ; i += 1) {
    try {
      return await ensureEventsStream(conn, 3);
    } catch (err) {
      if (i > 80) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
};
