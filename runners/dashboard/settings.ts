// The dashboard command's settings: repo, address, polling interval, clock, state dir and the
// control configuration (the token comes from token.ts).
import { repoRoot } from '../cli/repo-root.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isoSeconds } from '../../lib/core/time.js';
import { str, type Io, type Values } from '../cli/command.js';
import { timeFlag } from '../cli/clock.js';
import { CliError, usageError } from '../cli/errors.js';
import type { LoopSteps } from '../cli/loop-steps.js';
import { tokenDigestOf, type ControlConfig } from './control.js';
import { tokenOf, withoutVar } from './token.js';

const int = (v: Values, name: string, fallback: number, range: readonly [number, number]): number => {
  const raw = str(v, name);
  if (raw === undefined) return fallback;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < range[0] || Number(raw) > range[1])
    throw usageError(`--${name} must be an integer from ${range[0]} to ${range[1]}`);
  return Number(raw);
};

/** --poll-ms, or its alias --poll-s in whole seconds (the harness's spelling). */
const pollMsOf = (v: Values): number =>
  str(v, 'poll-s') === undefined
    ? int(v, 'poll-ms', 2000, [50, 3_600_000])
    : int(v, 'poll-s', 2, [1, 3600]) * 1000;

const fixedClock = (v: Values): number | null => timeFlag(v, 'as-of')?.ms ?? null;

/** The command's settings from its flags and environment (usage errors exit 64). */
export const settingsOf = (v: Values, io: Io, loop: LoopSteps) => {
  const repo = repoRoot(io.cwd, str(v, 'repo'));
  if (!existsSync(repo)) throw new CliError(`repo not found: ${repo}`);
  const fixed = fixedClock(v);
  const stateDirArg = str(v, 'state-dir');
  const stateDir = stateDirArg === undefined ? resolve(repo, '.opsfold') : resolve(io.cwd, stateDirArg);
  const { token, name } = tokenOf(v, io);
  const env = withoutVar(io.env, name);
  const control: ControlConfig = {
    repo,
    stateDir: stateDirArg === undefined ? null : stateDir,
    tokenDigest: token === null ? null : tokenDigestOf(token),
    timeoutSeconds: int(v, 'control-timeout-seconds', 30, [0, 3600]),
    loop,
    env,
    now: io.now,
    asOfIso: fixed === null ? null : isoSeconds(fixed),
  };
  return {
    repo,
    host: str(v, 'host') ?? '127.0.0.1',
    port: int(v, 'port', 8788, [0, 65535]),
    pollMs: pollMsOf(v),
    clock: fixed === null ? io.now : () => fixed,
    stateDir,
    token,
    env,
    control,
  };
};
