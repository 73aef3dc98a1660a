// Test kit: a describe block's JetStream server (or cluster), started before its tests and stopped
// after them, so each test file does not repeat the start-and-stop. The block keeps its own
// `describe.skipIf(natsMissing !== null)`: a skipped block runs none of these hooks.
import { afterAll, beforeAll } from 'vitest';
import type { JetStreamConn } from '../connect.js';
import { startNats, startNatsCluster, stopAll, waitForJetStream, type NatsNode } from './server.js';

/** What a block's tests read once the servers are up. */
export interface NatsSuite {
  /** The running nodes; a test may put a restarted node back in its place, and it is stopped too. */
  nodes: NatsNode[];
  /** The client URL: the nodes' URLs joined by commas. */
  readonly url: string;
  /** A JetStream connection opened before the tests (only with `connect: true`), closed after them. */
  readonly conn: JetStreamConn;
}

interface SuiteOptions {
  /** Open a JetStream connection for the tests. */
  readonly connect?: boolean;
}

const useNodes = (
  start: () => Promise<NatsNode[]>,
  cluster: boolean,
  { connect = false }: SuiteOptions,
): NatsSuite => {
  let conn: JetStreamConn | undefined;
  const suite: NatsSuite = {
    nodes: [],
    get url() {
      return suite.nodes.map((n) => n.url).join(',');
    },
    get conn() {
      if (conn === undefined) throw new Error('no JetStream connection: the suite was not asked to connect');
      return conn;
    },
  };
  beforeAll(async () => {
    // Nodes are kept before anything else can fail, so afterAll stops them (and frees the cluster lock).
    suite.nodes = await start();
    if (cluster) await waitForJetStream(suite.url);
    if (!connect) return;
    const { openJetStream } = await import('../connect.js');
    conn = await openJetStream(suite.url);
  });
  afterAll(async () => {
    // A cluster test kills nodes, so closing its connection may fail; that is not the test's failure.
    const closing = conn?.close();
    await (cluster ? closing?.catch(() => undefined) : closing);
    await stopAll(suite.nodes);
  });
  return suite;
};

/** One `nats-server -js` for the enclosing describe block. */
export const useNatsServer = (options: SuiteOptions = {}): NatsSuite =>
  useNodes(async () => [await startNats()], false, options);

/** A JetStream cluster of `size` nodes for the block, answering before the tests start; cluster
 * blocks take turns through the cluster lock (see startNatsCluster). */
export const useNatsCluster = (size: number, options: SuiteOptions = {}): NatsSuite =>
  useNodes(() => startNatsCluster(size), true, options);
