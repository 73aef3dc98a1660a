// The reference's defaults (config.py and ops.py), read from the same environment variables so an
// operator's existing settings keep working: ORCH_BASE_DIR, ORCH_DB_PATH, ORCH_LOG_PATH (kpi and
// consistency-check defaults), ORCH_TZ_OFFSET (the KST offset) and ORCH_TOP_IN_PROGRESS. As in ops.py,
// `--queue` defaults to automation/orchestrator/QUEUE.md whatever ORCH_QUEUE_MD says. Paths are
// relative to the current directory (the runner resolves them).
import * as E from 'fp-ts/lib/Either.js';
import { pyParseInt } from './pynum.js';

export interface QueueEnv {
  readonly dbPath: string;
  readonly logPath: string;
  /** Hours east of UTC of the "KST" strings (config.TIMEZONE_OFFSET_HOURS). */
  readonly tzOffset: number;
  /** How many IN_PROGRESS rows `status` lists (config.TOP_IN_PROGRESS_DISPLAY). */
  readonly top: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** `Path(a) / b / c` as Python prints it: normalised as posix.normalize does, no trailing slash, "" → ".". */
export const pyPath = (...parts: string[]): string => {
  const joined = parts.filter((p) => p !== '').join('/');
  const absolute = joined.startsWith('/');
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') out.push(seg);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!absolute) out.push(seg);
  }
  return `${absolute ? '/' : ''}${out.join('/')}`.replace(/\/$/, '') || '.';
};

const intEnv = (env: Env, name: string, dflt: number): E.Either<string, number> => {
  const raw = env[name];
  if (raw === undefined) return E.right(dflt);
  const n = pyParseInt(raw);
  return n === null ? E.left(`${name} is not an integer: ${JSON.stringify(raw)}`) : E.right(n);
};

/** The reference's configuration from the environment, or the message naming the variable that is not usable. */
export const queueEnvOf = (env: Env): E.Either<string, QueueEnv> => {
  const base = env['ORCH_BASE_DIR'] ?? 'automation/orchestrator';
  const tzOffset = intEnv(env, 'ORCH_TZ_OFFSET', 9);
  if (E.isLeft(tzOffset)) return tzOffset;
  if (tzOffset.right <= -24 || tzOffset.right >= 24)
    return E.left(`ORCH_TZ_OFFSET must be strictly between -24 and 24 hours, got ${tzOffset.right}`);
  const top = intEnv(env, 'ORCH_TOP_IN_PROGRESS', 5);
  if (E.isLeft(top)) return top;
  return E.right({
    dbPath: env['ORCH_DB_PATH'] ?? pyPath(base, 'db', 'queue.db'),
    logPath: env['ORCH_LOG_PATH'] ?? pyPath(base, 'logs', 'orch_runs.jsonl'),
    tzOffset: tzOffset.right,
    top: top.right,
  });
};
