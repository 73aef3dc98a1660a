// Publishing a batch of messages to JetStream and waiting for every acknowledgement. Publishes go out
// in windows (pipelined, not one round trip each); a publish that times out or finds no responder (a
// cluster node going down, a leader being elected) is sent again with the same message id, which the
// stream's duplicate window makes safe.
import type { PubAck } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/transport-node';
import type { JetStreamConn } from './connect.js';

export interface Outgoing {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly msgID: string;
  readonly headers: MsgHdrs;
}

const WINDOW = 256;
const ATTEMPTS = 8;

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const publishOne = async (conn: JetStreamConn, m: Outgoing): Promise<PubAck> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await conn.js.publish(m.subject, m.data, { msgID: m.msgID, headers: m.headers });
    } catch (err) {
      if (attempt >= ATTEMPTS || conn.nc.isClosed()) throw err;
      await pause(250 * attempt);
    }
  }
};

/** Every message published and acknowledged, in order of the acknowledgements' messages. */
export const publishAll = async (conn: JetStreamConn, messages: readonly Outgoing[]): Promise<PubAck[]> => {
  const acks: PubAck[] = [];
  for (let i = 0; i < messages.length; i += WINDOW)
    acks.push(...(await Promise.all(messages.slice(i, i + WINDOW).map((m) => publishOne(conn, m)))));
  return acks;
};
