// A control action from the page, as data: the POST body's intent, who asks and why; whether it may
// run (control enabled, the token right, the body well formed); the `opsfold loop control` command
// line it runs as; and the HTTP answer made of that run's exit code, last stdout record and error
// line. Pure: the runner compares the token (constant time) and runs the command in-process.
import type { Answer } from './api.js';

export const INTENTS = ['cancel', 'approve', 'reject'] as const;

export interface ControlRequest {
  readonly intent: string;
  readonly by: string;
  readonly note: string;
}

const SAFE_TEXT = /^[\p{L}\p{N} _.,:;@()/+-]{0,200}$/u;

/** Pure: the POST body `{intent, by?, note?}` parsed; a string is an error message. */
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

/** Pure: the request to run, or the answer refusing it (disabled 403, token 401, body 400). */
export const admitControl = (
  gate: { readonly enabled: boolean; readonly tokenOk: boolean },
  body: string,
): { readonly run: ControlRequest } | { readonly refused: Answer } => {
  if (!gate.enabled)
    return {
      refused: {
        status: 403,
        body: { error: 'control is disabled: start the dashboard with --control-token-env VAR' },
      },
    };
  if (!gate.tokenOk)
    return { refused: { status: 401, body: { error: 'the control token is missing or wrong' } } };
  const req = controlRequestOf(body);
  return typeof req === 'string' ? { refused: { status: 400, body: { error: req } } } : { run: req };
};

/** What the dashboard passes on to every control run. */
export interface ControlSettings {
  readonly repo: string;
  readonly stateDir: string | null;
  readonly timeoutSeconds: number;
  /** The fixed --as-of of the dashboard, passed on so records line up with the page's clock. */
  readonly asOfIso: string | null;
}

/** Pure: the `opsfold loop control` command line of a request. */
export const controlArgv = (c: ControlSettings, loopId: string, r: ControlRequest): string[] => [
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

/** Pure: the answer to a control request from what its run printed and its exit code. */
export const controlAnswer = (
  loopId: string,
  req: ControlRequest,
  ran: { readonly code: number; readonly stdout: string; readonly stderr: string },
): Answer => {
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
