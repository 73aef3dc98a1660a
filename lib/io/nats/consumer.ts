// The durable pull consumer of one (projection, loop): positioned at the stream sequence after the
// saved cursor. A consumer that is missing, filters another subject, or stands elsewhere (a fold that
// failed half-way, a checkpoint save that never happened) is created again at that sequence, so the
// checkpoint, not the server's consumer state, decides where a fold resumes.
import type { Consumer, ConsumerInfo } from '@nats-io/jetstream';
import type { JetStreamConn } from './connect.js';
import { EVENTS_STREAM } from './names.js';

export interface Positioned {
  readonly consumer: Consumer;
  /** Messages of the subject from the start sequence to the end of the stream as it is now. */
  readonly pending: number;
}

const infoOf = (conn: JetStreamConn, durable: string): Promise<ConsumerInfo | null> =>
  conn.jsm.consumers.info(EVENTS_STREAM, durable).catch((err: unknown) => {
    if (err instanceof Error && err.name === 'ConsumerNotFoundError') return null;
    throw err;
  });

const standsAt = (info: ConsumerInfo, subject: string, startSeq: number, none: string): boolean =>
  info.config.filter_subject === subject &&
  info.config.ack_policy === none &&
  info.delivered.stream_seq === startSeq - 1;

/** The durable `durable` over `subject`, standing before `startSeq`. */
export const positionConsumer = async (
  conn: JetStreamConn,
  durable: string,
  subject: string,
  startSeq: number,
): Promise<Positioned> => {
  const { AckPolicy, DeliverPolicy } = await import('@nats-io/jetstream'); // see connect.ts
  let info = await infoOf(conn, durable);
  if (info === null || !standsAt(info, subject, startSeq, AckPolicy.None)) {
    if (info !== null) await conn.jsm.consumers.delete(EVENTS_STREAM, durable);
    info = await conn.jsm.consumers.add(EVENTS_STREAM, {
      durable_name: durable,
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: startSeq,
      filter_subject: subject,
    });
  }
  return { consumer: await conn.js.consumers.get(EVENTS_STREAM, durable), pending: info.num_pending };
};
