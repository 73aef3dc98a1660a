// opsfold dashboard: a live local web page over the same folds the commands print. Read-only unless
// started with --control-token-env VAR and VAR is set; binds 127.0.0.1 unless told otherwise (and
// warns when told otherwise). Runs until SIGINT/SIGTERM.
import type { DomainEdges } from '../../lib/dashboard/domain-sections.js';
import type { Command, Io } from '../cli/command.js';
import { CliError, EXIT } from '../cli/errors.js';
import { dashboardDescriptor } from './descriptor.js';
import { writeOut } from '../cli/write-out.js';
import { serveUntilSignal } from '../cli/shutdown.js';
import type { LoopSteps } from '../cli/loop-steps.js';
import type { RunningDashboard } from './options.js';
import { startDashboard } from './server.js';
import { defaultAssetsDir, loadAssets } from './static.js';
import { settingsOf } from './settings.js';
import { DashboardStore } from './store.js';
import type { WatchDir } from './dir-watcher.js';
import { pollTicks } from './watch.js';
import type { Observable } from 'rxjs';

export interface DashboardDeps {
  /** The loop's steps (control actions run `loop control` through them). */
  readonly loop: LoopSteps;
  /** The command table the domain views run; injected because that table registers this command. */
  /** The commands the domain views run; default: the table the dashboard was dispatched from. */
  readonly commands?: () => Promise<readonly Command[]>;
  /** The polling clock; default: every --poll-ms milliseconds. */
  readonly ticks?: (pollMs: number) => Observable<unknown>;
  readonly watchDir?: WatchDir;
  /** The harness's and the ops cycle's ports the page reads those domains through; none: no such views. */
  readonly domains?: (io: Omit<Io, 'stdout' | 'stderr'>) => DomainEdges;
  readonly assetsDir?: string;
  /** Called once the server listens (tests talk to it, then close it). */
  readonly onListening?: (d: RunningDashboard) => void;
}

export const makeDashboard = (deps: DashboardDeps): Command => ({
  ...dashboardDescriptor,
  async run(v, _pos, io) {
    const { repo, host, port, pollMs, clock, stateDir, token, env, control } = settingsOf(v, io, deps.loop);
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
      commands: deps.commands ?? (() => Promise.resolve(io.table ?? [])),
      viewIo: { cwd: repo, env, now: clock },
      domains: deps.domains?.({ cwd: repo, env, now: clock }) ?? null,
      control,
      ticks: (deps.ticks ?? pollTicks)(pollMs),
      watchDir: deps.watchDir,
      assets: await loadAssets(deps.assetsDir ?? defaultAssetsDir()),
      warn: (line) => io.stderr.write(`${line}\n`),
    }).catch((err: Error) => {
      throw new CliError(`cannot listen on ${host}:${port}: ${err.message}`);
    });
    // Signals are handled from before the address is announced: a stop sent at once is not missed.
    const stopped = serveUntilSignal(d.close, new Promise((done) => d.server.once('close', done)));
    await writeOut(
      io.stdout,
      `opsfold dashboard: ${d.url} (${token === null ? 'read-only' : 'control enabled'})\n`,
    );
    deps.onListening?.(d);
    await stopped;
    return EXIT.ok;
  },
});
