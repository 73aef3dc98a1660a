// opsfold dashboard: a live local web page over the same folds the commands print. Read-only unless
// started with --control-token-env VAR and VAR is set; binds 127.0.0.1 unless told otherwise (and
// warns when told otherwise). Runs until SIGINT/SIGTERM.
import type { Command } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { CliError, EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { repoFlag, stateDirFlag } from '../cli/common-flags.js';
import type { Sleep } from '../cli/run-clock.js';
import type { RunningDashboard } from './options.js';
import { startDashboard } from './server.js';
import { defaultAssetsDir, loadAssets } from './static.js';
import { settingsOf } from './settings.js';
import { DashboardStore } from './store.js';
import type { WatchDir } from './dir-watcher.js';
import { pollTicks } from './watch.js';
import type { Observable } from 'rxjs';

export interface DashboardDeps {
  readonly sleep: Sleep;
  /** The command table the domain views run; injected because that table registers this command. */
  readonly commands: () => Promise<readonly Command[]>;
  /** The polling clock; default: every --poll-ms milliseconds. */
  readonly ticks?: (pollMs: number) => Observable<unknown>;
  readonly watchDir?: WatchDir;
  readonly assetsDir?: string;
  /** Called once the server listens (tests talk to it, then close it). */
  readonly onListening?: (d: RunningDashboard) => void;
}

export const makeDashboard = (deps: DashboardDeps): Command => ({
  path: ['dashboard'],
  title: 'a live local web page: loops overview, loop detail, control (with a token)',
  usage: '--repo <path> [--port 8788] [--host 127.0.0.1] [--control-token-env VAR] [options]',
  summary:
    'Serve a local web page over the repo: an overview row per loop (fleet registry loops, or every loop under ' +
    '.superloop/loops/) with lifecycle, health and reason codes, last event age, cursor, open escalations and the ' +
    'last control outcome; a detail page per loop (health reasons with thresholds, heartbeat, sequence, ' +
    'escalations, control intents, telemetry summary, ingest lag and reconcile duration charts, the event ' +
    'timeline newest first); harness, queue and promotion views when those domains have data. Updates live over ' +
    'Server-Sent Events, from incremental folds checkpointed under <state-dir>/dashboard/. JSON API: GET ' +
    '/api/loops, /api/loops/:id, /api/loops/:id/events?before=<byte>&limit=N, /api/events (SSE).',
  flags: {
    repo: repoFlag,
    port: { type: 'string', arg: 'n', help: 'Port to listen on (default 8788; 0 picks a free one).' },
    host: { type: 'string', arg: 'addr', help: 'Address to listen on (default 127.0.0.1; others warn).' },
    'control-token-env': {
      type: 'string',
      arg: 'VAR',
      help: 'Enable cancel/approve/reject buttons, authorized by the token in environment variable VAR.',
    },
    'control-timeout-seconds': {
      type: 'string',
      arg: 'n',
      help: 'Confirmation timeout of a control action (default 30).',
    },
    'poll-ms': { type: 'string', arg: 'n', help: 'Polling fallback interval in ms (default 2000).' },
    'state-dir': stateDirFlag,
    'as-of': {
      ...asOfFlag,
      help: 'Show ages as of this fixed instant instead of the clock (demos, screenshots).',
    },
  },
  exits: {
    [EXIT.ok]: 'stopped by SIGINT/SIGTERM',
    [EXIT.error]: 'the repo does not exist, or the address cannot be bound',
    [EXIT.usage]: 'usage error: missing --repo, bad port, interval or variable name',
  },
  notes: [
    'Control needs the token in the X-Opsfold-Token header (the page asks for it once per tab and keeps it in',
    'sessionStorage); without --control-token-env, or with VAR unset, the page is read-only and POST answers 403.',
  ],
  async run(v, _pos, io) {
    const { repo, host, port, pollMs, clock, stateDir, token, env, control } = settingsOf(v, io, deps.sleep);
    if (host !== '127.0.0.1')
      io.stderr.write(
        `warning: listening on ${host}, not 127.0.0.1: anyone who can reach this address can read the loop artifacts` +
          `${token === null ? '' : ' and, with the token, act on the loops'}\n`,
      );
    const d = await startDashboard({
      host,
      port,
      store: new DashboardStore(repo, stateDir),
      clock,
      asOfIso: control.asOfIso,
      commands: deps.commands,
      viewIo: { cwd: repo, env, now: clock },
      control,
      ticks: (deps.ticks ?? pollTicks)(pollMs),
      watchDir: deps.watchDir,
      assets: await loadAssets(deps.assetsDir ?? defaultAssetsDir()),
      warn: (line) => io.stderr.write(`${line}\n`),
    }).catch((err: Error) => {
      throw new CliError(`cannot listen on ${host}:${port}: ${err.message}`);
    });
    await writeOut(
      io.stdout,
      `opsfold dashboard: ${d.url} (${token === null ? 'read-only' : 'control enabled'})\n`,
    );
    const closed = new Promise<void>((done) => d.server.once('close', () => done()));
    const stop = () => void d.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    deps.onListening?.(d);
    await closed;
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    return EXIT.ok;
  },
});
