// The test kit's servers: a single node and a three-node cluster start on loopback, accept JetStream
// clients, and are gone (port closed) after they are stopped by PID.
import { describe, expect, it } from 'vitest';
import net from 'node:net';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { natsMissing, startNats, startNatsCluster, stopAll } from './server.js';

const closed = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => (sock.destroy(), resolve(false)));
    sock.once('error', () => resolve(true));
  });

describe.skipIf(natsMissing !== null)(
  `nats-server test kit${natsMissing === null ? '' : ` (skipped: ${natsMissing})`}`,
  () => {
    it('starts a JetStream node that accepts clients, and stops it by PID', async () => {
      const node = await startNats();
      const nc = await connect({ servers: node.url });
      const info = await (await jetstreamManager(nc)).getAccountInfo();
      expect(info.streams).toBe(0);
      await nc.close();
      await stopAll([node]);
      expect(await closed(node.port)).toBe(true);
    });

    it('starts a three-node cluster that takes an R3 stream', async () => {
      const nodes = await startNatsCluster(3);
      try {
        const nc = await connect({ servers: nodes.map((n) => n.url) });
        const added = await retry(async () =>
          (await jetstreamManager(nc)).streams.add({ name: 'KIT', subjects: ['kit.>'], num_replicas: 3 }),
        );
        expect(added.config.num_replicas).toBe(3);
        await nc.close();
      } finally {
        await stopAll(nodes);
      }
    });
  },
);

// A new cluster elects its meta leader within a few seconds; until then stream requests fail.
const retry = async <T>(f: () => Promise<T>, tries = 40): Promise<T> => {
  for (let i = 1; ; i += 1) {
    try {
      return await f();
    } catch (err) {
      if (i >= tries) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
};
