// Connecting to NATS JetStream, failing closed: a server that cannot be reached, or one without
// JetStream, is a NatsUnavailableError naming the URL (the CLI prints `error: ...` and exits 1) before
// anything is read or written.
// The clients are imported when a connection is opened, never at load: a command reaches this only
// with --source/--nats, and the command bundles leave them out (scripts/bundle-commands.ts), as they
// would otherwise be half of what every cold command parses.
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { StepError } from '../../core/step-error.js';
import { DUPLICATE_WINDOW_NS, EVENTS_STREAM, EVENTS_SUBJECTS } from './names.js';

/** The server at `url` could not be used; nothing was written. */
export class NatsUnavailableError extends StepError {
  constructor(
    readonly url: string,
    detail: string,
  ) {
    super(`NATS server unavailable at ${url}: ${detail}`, [
      'nothing was read or written; start the server (see README "JetStream") or fix --nats/--source',
    ]);
    this.name = 'NatsUnavailableError';
  }
}

/** An open JetStream connection. */
export interface JetStreamConn {
  readonly url: string;
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** Empty message headers, of the client's own kind. */
  headers(): MsgHdrs;
  close(): Promise<void>;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Pure: `nats://a:1,nats://b:2` as the list of servers to try. */
export const serversOf = (url: string): string[] =>
  url
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Opens a connection to `url` (a comma list for a cluster) and checks JetStream answers. */
export const openJetStream = async (url: string, timeoutMs = 3000): Promise<JetStreamConn> => {
  const [{ connect, headers }, { jetstream, jetstreamManager }] = await Promise.all([
    import('@nats-io/transport-node'),
    import('@nats-io/jetstream'),
  ]);
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: serversOf(url),
      timeout: timeoutMs,
      reconnectTimeWait: 250,
      maxReconnectAttempts: 40,
    });
  } catch (err) {
    throw new NatsUnavailableError(url, messageOf(err));
  }
  try {
    const jsm = await jetstreamManager(nc, { timeout: timeoutMs });
    const js = jetstream(nc, { timeout: timeoutMs });
    return { url, nc, js, jsm, headers: () => headers(), close: () => nc.close() };
  } catch (err) {
    await nc.close().catch(() => undefined);
    throw new NatsUnavailableError(
      url,
      `JetStream does not answer (${messageOf(err)}); start nats-server with -js`,
    );
  }
};

/** Creates the events stream when it is missing (`replicas` applies only then). */
export const ensureEventsStream = async (conn: JetStreamConn, replicas = 1): Promise<void> => {
  const found = await conn.jsm.streams.info(EVENTS_STREAM).catch((err: unknown) => {
    if (err instanceof Error && err.name === 'StreamNotFoundError') return null;
    throw err;
  });
  if (found !== null) return;
  await conn.jsm.streams.add({
    name: EVENTS_STREAM,
    subjects: [EVENTS_SUBJECTS],
    duplicate_window: DUPLICATE_WINDOW_NS,
    num_replicas: replicas,
  });
};

/** Replicas of the events stream (1 when it is missing): a checkpoint bucket made beside it matches. */
export const eventsReplicas = async (conn: JetStreamConn): Promise<number> => {
  const info = await conn.jsm.streams.info(EVENTS_STREAM).catch((err: unknown) => {
    if (err instanceof Error && err.name === 'StreamNotFoundError') return null;
    throw err;
  });
  return info?.config.num_replicas ?? 1;
};
