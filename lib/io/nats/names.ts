// What opsfold creates on a NATS server, in one place: the stream every loop's events go to, the
// subject per loop, the KV bucket of checkpoints, and the durable consumer per (projection, loop).
// Names are checked here so a fleet or loop id that is not a subject token fails as a usage error.
import { createHash } from 'node:crypto';
import { StepError } from '../../core/step-error.js';

/** The stream holding every shipped loop's events (file storage, a 1 h duplicate window). */
export const EVENTS_STREAM = 'OPSFOLD_EVENTS';
/** The subjects of EVENTS_STREAM: `opsfold.<fleet>.<loop>.events`. */
export const EVENTS_SUBJECTS = 'opsfold.*.*.events';
/** The KV bucket of projection checkpoints folded from the stream. */
export const CHECKPOINT_BUCKET = 'opsfold-checkpoints';
/** Resends within this window carry the same message id and are dropped by the server. */
export const DUPLICATE_WINDOW_NS = 3600 * 1e9;

const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

/** Refused names: what the operator typed and why (a usage error, exit 64). */
export class NatsNameError extends StepError {
  constructor(what: string, value: string) {
    super(
      `${what} ${JSON.stringify(value)} is not a NATS subject token`,
      ['use letters, digits, _ and - only'],
      true,
    );
    this.name = 'NatsNameError';
  }
}

/** Where one loop's events are: the fleet and loop ids, checked as subject tokens. */
export interface LoopAddress {
  readonly fleet: string;
  readonly loop: string;
}

/** Pure: the address, or a NatsNameError naming the bad part. */
export const loopAddress = (fleet: string, loop: string): LoopAddress => {
  if (!TOKEN.test(fleet)) throw new NatsNameError('fleet', fleet);
  if (!TOKEN.test(loop)) throw new NatsNameError('loop', loop);
  return { fleet, loop };
};

/** Pure: `opsfold.<fleet>.<loop>.events`. */
export const subjectOf = (at: LoopAddress): string => `opsfold.${at.fleet}.${at.loop}.events`;

/** Pure: the durable consumer of `projection` over one loop (dots are not allowed in its name). */
export const durableOf = (projection: string, at: LoopAddress): string =>
  `${projection}__${at.fleet}__${at.loop}`.replace(/[^A-Za-z0-9_-]/g, '_');

/** Pure: the KV key of a checkpoint of one loop (`<fleet>.<loop>.<key>`, KV's key alphabet). */
export const checkpointKeyOf = (at: LoopAddress, key: string): string =>
  `${at.fleet}.${at.loop}.${key.replace(/[^-/_=.A-Za-z0-9]/g, '_').replace(/^[./]+|[./]+$/g, '')}`;

/** The `headSha256` of every cursor marked by a source over `subject` (which stream it read). */
export const subjectIdentityOf = (subject: string): string =>
  createHash('sha256').update(`nats:${EVENTS_STREAM}/${subject}`).digest('hex');

/** The same for the loop at `at`: lets `loop status` compare a cursor without loading the NATS clients. */
export const streamIdentityOf = (at: LoopAddress): string => subjectIdentityOf(subjectOf(at));
