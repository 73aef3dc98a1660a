// The reference's defaults (config.py and ops.py), read from the same environment variables so an
// operator's existing settings keep working: ORCH_BASE_DIR, ORCH_DB_PATH, ORCH_LOG_PATH (kpi and
// consistency-check defaults), ORCH_TZ_OFFSET (the KST offset) and ORCH_TOP_IN_PROGRESS. As in ops.py,
// `--queue` defaults to automation/orchestrator/QUEUE.md whatever ORCH_QUEUE_MD says. Paths are
// relative to the current directory (paths.ts).
import { CliError } from '../cli/errors.js';
import { pyParseInt } from '../../lib/queue/pynum.js';
import { pyPath } from './paths.js';

export interface QueueEnv {
  readonly dbPath: string;
  readonly logPath: string;
  /** Hours east of UTC of the "KST" strings (config.TIMEZONE_OFFSET_HOURS). */
  readonly tzOffset: number;
  /** How many IN_PROGRESS rows `status` lists (config.TOP_IN_PROGRESS_DISPLAY). */
  readonly top: number;
}

const intEnv = (env: NodeJS.ProcessEnv, name: string, dflt: number): number => {
  const raw = env[name];
  if (raw === undefined) return dflt;
  const n = pyParseInt(raw);
  if (n === null) throw new CliError(`${name} is not an integer: ${JSON.stringify(raw)}`);
  return n;
};

/** The reference's configuration from the environment; exit 1 naming the variable when one is not usable. */
export const queueEnv = (env: NodeJS.ProcessEnv): QueueEnv => {
  const base = env['ORCH_BASE_DIR'] ?? 'automation/orchestrator';
  const tzOffset = intEnv(env, 'ORCH_TZ_OFFSET', 9);
  if (tzOffset <= -24 || tzOffset >= 24)
    throw new CliError(`ORCH_TZ_OFFSET must be strictly between -24 and 24 hours, got ${tzOffset}`);
  return {
    dbPath: env['ORCH_DB_PATH'] ?? pyPath(base, 'db', 'queue.db'),
    logPath: env['ORCH_LOG_PATH'] ?? pyPath(base, 'logs', 'orch_runs.jsonl'),
    tzOffset,
    top: intEnv(env, 'ORCH_TOP_IN_PROGRESS', 5),
  };
};
