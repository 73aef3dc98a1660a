// Control actions from the page: only when the dashboard was started with --control-token-env and
// that variable is set. The token travels in the X-Opsfold-Token header, is compared in constant time
// (sha256 digests, so neither its length nor a prefix leaks), and the intent runs in-process through
// `opsfold loop control` (local transport, confirmation polling, idempotency ledger, the loop's lock),
// exactly as an operator's shell would run it. The secret never reaches the control run's environment.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Io } from '../cli/command.js';
import type { LoopSteps } from '../cli/loop-steps.js';

export const TOKEN_HEADER = 'x-opsfold-token';
export const INTENTS = ['cancel', 'approve', 'reject'] as const;

export interface ControlConfig {
  readonly repo: string;
  readonly stateDir: string | null;
  /** sha256 of the token; null when control is disabled. */
  readonly tokenDigest: Buffer | null;
  readonly timeoutSeconds: number;
  readonly loop: LoopSteps;
  /** The environment control runs see (the token variable removed). */
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => number;
  /** The fixed --as-of of the dashboard, passed on so records line up with the page's clock. */
  readonly asOfIso: string | null;
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** The digest a configured token is compared against. */
export const tokenDigestOf = (token: string): Buffer => digest(token);

/** Constant-time check of a presented token. */
export const tokenMatches = (expected: Buffer, presented: string): boolean =>
  timingSafeEqual(digest(presented), expected);

interface ControlRequest {
  readonly intent: string;
  readonly by: string;
  readonly note: string;
}

const SAFE_TEXT = /^[\p{L}\p{N} _.,:;@()/+-]{0,200}$/u;

/** Parses the POST body: `{intent, by?, note?}`; a string is an error message. */
export const controlRequestOf = (text: string): ControlRequest | string => {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'body must be JSON: {"intent": "cancel" | "approve" | "reject"}';
  }
  const o = (v ?? {}) as Record<string, unknown>;
  const intent = o['intent'];
  if (typeof intent !== 'string' || !(INTENTS as readonly string[]).includes(intent))
    return 'intent must be one of: cancel, approve, reject';
  const by = typeof o['by'] === 'string' && o['by'] !== '' ? o['by'] : 'dashboard';
  const note = typeof o['note'] === 'string' ? o['note'] : '';
  if (!SAFE_TEXT.test(by) || !SAFE_TEXT.test(note)) return 'by and note must be short plain text';
  return { intent, by, note };
};

const argvOf = (c: ControlConfig, loopId: string, r: ControlRequest): string[] => [
  'loop',
  'control',
  '--repo',
  c.repo,
  '--loop',
  loopId,
  '--intent',
  r.intent,
  '--by',
  r.by,
  '--timeout-seconds',
  String(c.timeoutSeconds),
  ...(r.note === '' ? [] : ['--note', r.note]),
  ...(c.stateDir === null ? [] : ['--state-dir', c.stateDir]),
  ...(c.asOfIso === null ? [] : ['--as-of', c.asOfIso]),
];

const HTTP_OF_EXIT: Readonly<Record<number, number>> = { 0: 200, 1: 200, 2: 200, 64: 400, 75: 409 };

const entryOf = (stdout: string): unknown => {
  try {
    return JSON.parse(stdout.trim().split('\n').pop() ?? '') as unknown;
  } catch {
    return null;
  }
};

/** Authorizes and runs one control request for `loopId`. */
export const runControl = async (
  c: ControlConfig,
  loopId: string,
  presented: string,
  body: string,
): Promise<Answer> => {
  if (c.tokenDigest === null)
    return {
      status: 403,
      body: { error: 'control is disabled: start the dashboard with --control-token-env VAR' },
    };
  if (presented === '' || !tokenMatches(c.tokenDigest, presented))
    return { status: 401, body: { error: 'the control token is missing or wrong' } };
  const req = controlRequestOf(body);
  if (typeof req === 'string') return { status: 400, body: { error: req } };
  const io: Omit<Io, 'stdout' | 'stderr'> = { cwd: c.repo, env: c.env, now: c.now };
  const ran = await c.loop.control(argvOf(c, loopId, req), io);
  const entry = entryOf(ran.stdout);
  const errorLine =
    ran.stderr
      .split('\n')
      .find((l) => l.startsWith('error: '))
      ?.slice('error: '.length) ?? null;
  const status =
    entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)['status'] : null;
  return {
    status: HTTP_OF_EXIT[ran.code] ?? 500,
    body: { loopId, intent: req.intent, exitCode: ran.code, status: status ?? null, error: errorLine, entry },
  };
};
