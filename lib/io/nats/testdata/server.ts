// Test kit: real nats-server processes (JetStream on, loopback, a temp store dir) started by the test
// and stopped by PID. A test suite skips with `natsMissing` as its reason when the binary is absent.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';

const candidates = [
  process.env['NATS_SERVER'],
  '/usr/sbin/nats-server',
  '/usr/bin/nats-server',
  '/usr/local/bin/nats-server',
];

/** The nats-server binary, or null when it is not installed. */
export const natsServerBin: string | null =
  candidates.find((p) => p !== undefined && fs.existsSync(p)) ?? null;

/** Why the JetStream tests skip, or null when they can run. */
export const natsMissing: string | null =
  natsServerBin === null
    ? 'nats-server is not installed (apt-get install nats-server, or set NATS_SERVER)'
    : null;

/** A port free on loopback right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });

const waitAccepting = async (port: number, child: ChildProcess, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`nats-server on ${port} exited with ${child.exitCode}`);
    if (await accepts(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server on ${port} did not accept connections within ${ms} ms`);
};

/** One running server: its client URL, its process, and how to stop it (by PID, SIGKILL or SIGTERM). */
export interface NatsNode {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  readonly pid: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the stopped node again on its port and store (a cluster node rejoins and catches up). */
  restart(): Promise<NatsNode>;
}

const launch = async (args: string[], port: number, storeDir: string): Promise<NatsNode> => {
  if (natsServerBin === null) throw new Error(natsMissing ?? 'nats-server missing');
  const child = spawn(natsServerBin, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined)
      process.kill(child.pid, signal);
    await exited;
  };
  try {
    await waitAccepting(port, child);
  } catch (err) {
    await stop('SIGKILL');
    throw err;
  }
  const restart = () => launch(args, port, storeDir);
  return { url: `nats://127.0.0.1:${port}`, port, storeDir, pid: child.pid ?? -1, stop, restart };
};

const tempStore = (): string => fs.mkdtempSync(join(os.tmpdir(), 'opsfold-nats-'));

/** Starts `nats-server -js` on a free loopback port with a fresh store dir. */
export const startNats = async (): Promise<NatsNode> => {
  const port = await freePort();
  const dir = tempStore();
  return launch(['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], port, dir);
};

// Two clusters at once (six servers, elections and catch-up on two cores) time each other out, and
// vitest runs test files in parallel workers: a lock directory makes the cluster tests take turns.
const CLUSTER_LOCK = join(os.tmpdir(), 'opsfold-nats-cluster.lock');
const CLUSTER_LOCK_STALE_MS = 10 * 60_000;
const clusterNodes = new WeakSet<NatsNode>();

const takeClusterLock = async (): Promise<void> => {
  for (;;) {
    try {
      fs.mkdirSync(CLUSTER_LOCK);
      return;
    } catch {
      const age = Date.now() - (fs.statSync(CLUSTER_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > CLUSTER_LOCK_STALE_MS) fs.rmSync(CLUSTER_LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
};

/** A cluster of `size` JetStream nodes on loopback, routed to each other (streams may use R3). */
export const startNatsCluster = async (size = 3): Promise<NatsNode[]> => {
  await takeClusterLock();
  const nodes = await launchCluster(size).catch((err: unknown) => {
    fs.rmSync(CLUSTER_LOCK, { recursive: true, force: true });
    throw err;
  });
  for (const n of nodes) clusterNodes.add(n);
  return nodes;
};

const launchCluster = async (size: number): Promise<NatsNode[]> => {
  const ports = await Promise.all(Array.from({ length: size }, () => freePort()));
  const routes = await Promise.all(Array.from({ length: size }, () => freePort()));
  const routeList = routes.map((p) => `nats-route://127.0.0.1:${p}`).join(',');
  const nodes = ports.map((port, i) => {
    const dir = tempStore();
    const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir, '-n', `n${i}`];
    args.push(
      '--cluster_name',
      'opsfold-test',
      '--cluster',
      `nats://127.0.0.1:${routes[i]}`,
      '--routes',
      routeList,
    );
    return launch(args, port, dir);
  });
  return Promise.all(nodes);
};

/** Stops every node (SIGTERM) and removes its store dir. */
export const stopAll = async (nodes: readonly NatsNode[]): Promise<void> => {
  await Promise.all(nodes.map((n) => n.stop()));
  for (const n of nodes) fs.rmSync(n.storeDir, { recursive: true, force: true });
  if (nodes.some((n) => clusterNodes.has(n))) fs.rmSync(CLUSTER_LOCK, { recursive: true, force: true });
};

/** Waits until JetStream answers at `url` (a new cluster elects its meta leader within seconds). */
export const waitForJetStream = async (url: string, ms = 20_000): Promise<void> => {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const until = Date.now() + ms;
  for (;;) {
    const nc = await connect({ servers: url.split(','), timeout: 1000 }).catch(() => null);
    const ok =
      nc !== null &&
      (await jetstreamManager(nc, { timeout: 1000 })
        .then((m) => m.getAccountInfo())
        .then(
          () => true,
          () => false,
        ));
    await nc?.close();
    if (ok) return;
    if (Date.now() > until) throw new Error(`JetStream did not answer at ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
};
