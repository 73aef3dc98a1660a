// Control actions from the page: only when the dashboard was started with --control-token-env and
// that variable is set. The token travels in the X-Opsfold-Token header, is compared in constant time
// (sha256 digests, so neither its length nor a prefix leaks), and the intent runs in-process through
// `opsfold loop control` (local transport, confirmation polling, idempotency ledger, the loop's lock),
// exactly as an operator's shell would run it. The secret never reaches the control run's environment.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Answer } from '../../lib/dashboard/api.js';
import { admitControl, controlAnswer, controlArgv } from '../../lib/dashboard/control-request.js';
import type { ControlSettings } from '../../lib/dashboard/control-request.js';
import type { Io } from '../cli/command.js';
import type { LoopSteps } from '../cli/loop-steps.js';

export { controlRequestOf } from '../../lib/dashboard/control-request.js';

export const TOKEN_HEADER = 'x-opsfold-token';

export interface ControlConfig extends ControlSettings {
  /** sha256 of the token; null when control is disabled. */
  readonly tokenDigest: Buffer | null;
  readonly loop: LoopSteps;
  /** The environment control runs see (the token variable removed). */
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => number;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** The digest a configured token is compared against. */
export const tokenDigestOf = (token: string): Buffer => digest(token);

/** Constant-time check of a presented token. */
export const tokenMatches = (expected: Buffer, presented: string): boolean =>
  timingSafeEqual(digest(presented), expected);

/** Authorizes and runs one control request for `loopId`. */
export const runControl = async (
  c: ControlConfig,
  loopId: string,
  presented: string,
  body: string,
): Promise<Answer> => {
  const enabled = c.tokenDigest !== null;
  const tokenOk = c.tokenDigest !== null && presented !== '' && tokenMatches(c.tokenDigest, presented);
  const admitted = admitControl({ enabled, tokenOk }, body);
  if ('refused' in admitted) return admitted.refused;
  const io: Omit<Io, 'stdout' | 'stderr'> = { cwd: c.repo, env: c.env, now: c.now };
  const ran = await c.loop.control(controlArgv(c, loopId, admitted.run), io);
  return controlAnswer(loopId, admitted.run, ran);
};
