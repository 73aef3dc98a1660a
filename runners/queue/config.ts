// The queue's configuration from the environment (lib/queue/config.ts); exit 1 naming the variable
// when one is not usable.
import * as E from 'fp-ts/lib/Either.js';
import { queueEnvOf, type QueueEnv } from '../../lib/queue/config.js';
import { CliError } from '../cli/errors.js';

export const queueEnv = (env: NodeJS.ProcessEnv): QueueEnv => {
  const got = queueEnvOf(env);
  if (E.isLeft(got)) throw new CliError(got.left);
  return got.right;
};
