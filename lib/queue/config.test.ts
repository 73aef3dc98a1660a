// Given the reference's environment variables, when the queue's configuration is read, then the
// defaults, paths and limits are the reference's, and an unusable variable is named.
import { posix } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { pyPath, queueEnvOf } from './config.js';

describe('the queue configuration', () => {
  it('given no variables, then the reference defaults under automation/orchestrator', () => {
    expect(queueEnvOf({})).toEqual(
      E.right({
        dbPath: 'automation/orchestrator/db/queue.db',
        logPath: 'automation/orchestrator/logs/orch_runs.jsonl',
        tzOffset: 9,
        top: 5,
      }),
    );
  });

  it('given ORCH_BASE_DIR with ./ and a trailing slash, then the paths under it print normalised', () => {
    const env = queueEnvOf({ ORCH_BASE_DIR: './ops/', ORCH_LOG_PATH: 'x.jsonl' });
    expect(E.isRight(env) && [env.right.dbPath, env.right.logPath]).toEqual(['ops/db/queue.db', 'x.jsonl']);
  });

  it('given an offset of 24 hours or a count that is not an integer, then the message names the variable', () => {
    expect(queueEnvOf({ ORCH_TZ_OFFSET: '24' })).toEqual(
      E.left('ORCH_TZ_OFFSET must be strictly between -24 and 24 hours, got 24'),
    );
    expect(queueEnvOf({ ORCH_TOP_IN_PROGRESS: 'five' })).toEqual(
      E.left('ORCH_TOP_IN_PROGRESS is not an integer: "five"'),
    );
  });
});

describe('pyPath', () => {
  const viaNode = (...parts: string[]) => posix.normalize(posix.join(...parts)).replace(/\/$/, '') || '.';
  it.each([
    [['automation/orchestrator', 'db', 'queue.db']],
    [['./x', 'logs', 'a.jsonl']],
    [['', 'logs']],
    [['']],
    [['/']],
    [['/a/../..', 'b']],
    [['../../a', '..', 'b/']],
    [['a//b/./c/..', 'd']],
    [['.', '..']],
  ])('prints %j as Path / does (posix.normalize)', (parts) => {
    expect(pyPath(...parts)).toBe(viaNode(...parts));
  });
});
