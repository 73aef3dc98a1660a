// The flags every command reading from or writing to NATS JetStream shares: the server URL (a comma
// list for a cluster), the fleet the loop's subject is under, and how a connection is opened and
// closed around a step. A URL that is not nats:// is a usage error; an unreachable server fails closed.
import type { JetStreamConn } from '../../lib/io/nats/connect.js';
import { loopAddress, type LoopAddress } from '../../lib/io/nats/names.js';
import { str, type Flag, type Values } from './command.js';
import { usageError } from './errors.js';

export const DEFAULT_FLEET = 'default';

export const fleetIdFlag: Flag = {
  type: 'string',
  arg: 'id',
  help: `Fleet the loop's subject is under: opsfold.<fleet>.<loop>.events (default ${DEFAULT_FLEET}).`,
};

export const sourceFlag: Flag = {
  type: 'string',
  arg: 'nats://host:port',
  help: "Fold the loop's events from NATS JetStream (shipped by `opsfold ship`) instead of the file.",
};

/** The URL given, checked: every comma-separated server is nats:// or tls://. */
export const natsUrl = (raw: string, flag: string): string => {
  const servers = raw.split(',').map((s) => s.trim());
  if (servers.some((s) => !/^(nats|tls):\/\/[^\s/]+\/?$/.test(s)))
    throw usageError(`--${flag} must be nats://host:port (a comma list for a cluster): ${raw}`);
  return raw;
};

/** The NATS URL of --source, or null when the command reads the file. */
export const sourceUrl = (v: Values): string | null => {
  const raw = str(v, 'source');
  return raw === undefined ? null : natsUrl(raw, 'source');
};

/** The loop's address in the stream: --fleet (default) and the loop id. */
export const addressOf = (v: Values, loop: string): LoopAddress =>
  loopAddress(str(v, 'fleet') ?? DEFAULT_FLEET, loop);

/**
 * Runs `step` on a connection to `url`, closing it afterwards whatever happens. The NATS clients load
 * here, so a command run without --source or --nats never loads them.
 */
export const withJetStream = async <T>(
  url: string,
  step: (conn: JetStreamConn) => Promise<T>,
): Promise<T> => {
  const { openJetStream } = await import('../../lib/io/nats/connect.js');
  const conn = await openJetStream(url);
  try {
    return await step(conn);
  } finally {
    await conn.close().catch(() => undefined);
  }
};
