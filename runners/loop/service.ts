// opsfold service: the sprite service transport over HTTP (GET /healthz, /metrics, /ops/snapshot,
// /ops/events, POST /ops/control), answering from the same functions the local commands use. It will not start
// without a token unless told --insecure-no-auth; it runs until SIGINT/SIGTERM.
import { repoRoot } from '../cli/repo-root.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { integerUpTo } from '../../lib/loop/flag-numbers.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { serveUntilSignal } from '../cli/shutdown.js';
import { repoFlag, stateDirFlag } from '../cli/common-flags.js';
import { realSleep, type Sleep } from '../cli/run-clock.js';
import { confirmScriptOf } from './transport/confirm.js';
import { binExecutor, builtinExecutor, childEnv } from './transport/executor.js';
import { confirmFlags, confirmTiming } from './transport/control-flags.js';
import { startService, type RunningService, type ServiceOptions } from './transport/server.js';
import { resolveToken, tokenAuth, tokenFlags } from './transport/token.js';

export interface ServiceCommandDeps {
  readonly sleep: Sleep;
  /** Called once the service listens (tests close it from here). */
  readonly onListening?: (s: RunningService) => void;
}

const number = (v: Values, name: string, fallback: number, max: number): number => {
  const raw = str(v, name);
  if (raw === undefined) return fallback;
  const n = integerUpTo(raw, max);
  if (n === null) throw usageError(`--${name} must be an integer from 0 to ${max}`);
  return n;
};

const authOf = (v: Values, io: Io) => {
  const token = resolveToken(v, io.env, 'token');
  if (token.token !== null) return { auth: tokenAuth(token.token), secretVars: token.secretVars };
  if (v['insecure-no-auth'] === true)
    return { auth: { kind: 'open' as const }, secretVars: token.secretVars };
  throw usageError(
    'refusing to start without a service token',
    'give one with --service-token-env NAME (or OPS_MANAGER_SERVICE_TOKEN), or pass --insecure-no-auth',
  );
};

const optionsOf = (v: Values, io: Io, sleep: Sleep): ServiceOptions => {
  const repo = repoRoot(io.cwd, str(v, 'repo'));
  const { auth, secretVars } = authOf(v, io);
  if (!existsSync(repo)) throw new CliError(`repo path not found: ${repo}`);
  const stateDir = str(v, 'state-dir');
  const bin = str(v, 'superloop-bin') ?? io.env['SUPERLOOP_BIN'];
  const env = childEnv(io.env, secretVars);
  const confirmScript = confirmScriptOf(env);
  return {
    repo,
    stateDir: stateDir === undefined ? undefined : resolve(io.cwd, stateDir),
    host: str(v, 'host') ?? '127.0.0.1',
    port: number(v, 'port', 8787, 65535),
    auth,
    maxBodyBytes: number(v, 'max-body-bytes', 65536, 1 << 30),
    now: io.now,
    sleep,
    executorFor: (p) => (bin === undefined || bin === '' ? builtinExecutor(p) : binExecutor(bin, env)),
    ...(confirmScript === undefined ? {} : { confirmScript }),
    defaultBy: io.env['USER'] ?? 'ops-service',
    ...confirmTiming(v),
  };
};

/** The command with its sleep (confirmation polling) injected. */
export const makeService = (deps: ServiceCommandDeps): Command => ({
  path: ['service'],
  prints: 'nothing',
  serves: true,
  title: 'serve snapshot, events and control over HTTP (sprite service transport)',
  usage: '--repo <path> [--host 127.0.0.1] [--port 8787] [--service-token-env NAME] [options]',
  summary:
    'Serve one repository over HTTP as the reference sprite service does: GET /healthz, GET /ops/snapshot?loopId=L, ' +
    'GET /ops/events?loopId=L&cursor=N&maxEvents=M, POST /ops/control {loopId, intent, by, note, idempotencyKey, ' +
    'traceId, noConfirm}, GET /metrics (Prometheus text, every loop). Every request but GET /healthz needs the ' +
    'token as "Authorization: Bearer <t>" or "X-Ops-Token: <t>".',
  flags: {
    repo: repoFlag,
    host: { type: 'string', arg: 'addr', help: 'Address to listen on (default: 127.0.0.1).' },
    port: { type: 'string', arg: 'n', help: 'Port to listen on (default: 8787; 0 picks a free one).' },
    ...tokenFlags,
    token: { type: 'string', arg: 'token', help: "The reference service's name for --service-token." },
    'insecure-no-auth': {
      type: 'boolean',
      help: 'Serve without a token (only on a trusted, private address).',
    },
    'max-body-bytes': {
      type: 'string',
      arg: 'n',
      help: 'Largest request body accepted (default: 65536); larger → 413.',
    },
    ...confirmFlags,
    'superloop-bin': {
      type: 'string',
      arg: 'path',
      help: 'Run this superloop CLI for intents (or $SUPERLOOP_BIN).',
    },
    'state-dir': stateDirFlag,
  },
  exits: {
    [EXIT.ok]: 'stopped by SIGINT or SIGTERM',
    130: 'ended by a second SIGINT, or by the first when shutting down took over 2 s',
    143: 'ended by a second SIGTERM, or by the first when shutting down took over 2 s',
    [EXIT.error]: 'the repository does not exist, or the address cannot be bound',
    [EXIT.usage]: 'usage error: no token and no --insecure-no-auth, bad port or size',
  },
  notes: [
    'Answers: 401 unauthorized (nothing read or run), 400 invalid_json / invalid_request, 404 not_found, 413 ' +
      'payload_too_large, 422 a refused intent, 409 an ambiguous one, 503 loop_locked (retry), 502 runtime_error.',
  ],
  async run(v, _pos, io) {
    const svc = await startService(optionsOf(v, io, deps.sleep)).catch((err: Error) => {
      throw new CliError(`cannot listen: ${err.message}`);
    });
    // Signals are handled from before the address is announced: a stop sent at once is not missed.
    const stopped = serveUntilSignal(svc.close, new Promise((done) => svc.server.once('close', done)));
    await writeOut(io.stdout, `ops-manager sprite service listening on ${svc.url}\n`);
    if (v['insecure-no-auth'] === true && resolveToken(v, io.env, 'token').token === null)
      io.stderr.write(
        'note: serving without authentication (--insecure-no-auth): anyone who can reach it can act\n',
      );
    deps.onListening?.(svc);
    await stopped;
    return EXIT.ok;
  },
});

export const service = makeService({ sleep: realSleep });
