// `collect --watch`: a pass whenever memory/events or the timers file changes (fs.watch), and on every
// tick of an injected tick stream (the fallback safety-net's clock). The clock and the ticks are
// parameters, so tests drive time themselves; passes run one at a time, in order.
import { watch as fsWatch, promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { concatMap, from, merge, Observable, of, takeWhile, lastValueFrom, defaultIfEmpty } from 'rxjs';
import type { CollectLine } from '../../lib/harness/collect-projection.js';
import { runCollectPass } from '../../lib/harness/collect-run.js';
import type { Workspace } from './workspace.js';

/** Change notifications of one directory (created if missing). */
export const watchDir = (dir: string): Observable<unknown> =>
  new Observable((sub) => {
    let closed = false;
    let close = (): void => {
      closed = true;
    };
    fsp.mkdir(dir, { recursive: true }).then(
      () => {
        if (closed) return;
        const w = fsWatch(dir, () => sub.next(dir));
        w.on('error', (err) => sub.error(err));
        close = () => w.close();
        sub.next(dir);
      },
      (err: unknown) => sub.error(err),
    );
    return () => close();
  });

export interface WatchDeps {
  readonly changes: (dir: string) => Observable<unknown>;
  readonly ticks: Observable<unknown>;
  readonly now: () => number;
}

export interface WatchOptions {
  readonly fallbackAfterMin: number;
  /** Stop once this many tasks were collected (null: never). */
  readonly stopAfterCollected: number | null;
  /** Stop at the first trigger at or after this instant (epoch ms, by the injected clock). */
  readonly until: number | null;
}

/** Watches until a stop condition holds; hands every appended record to `emit` as soon as it exists. */
export const watchCollect = async (
  ws: Workspace,
  deps: WatchDeps,
  opts: WatchOptions,
  emit: (r: CollectLine) => Promise<void>,
): Promise<number> => {
  let collected = 0;
  const triggers = merge(
    of('start'),
    deps.changes(ws.eventsDir),
    deps.changes(dirname(ws.timersFile)),
    deps.ticks,
  );
  const done = () =>
    (opts.stopAfterCollected !== null && collected >= opts.stopAfterCollected) ||
    (opts.until !== null && deps.now() >= opts.until);
  const passes = triggers.pipe(
    concatMap(() =>
      from(
        (async () => {
          for (const r of await runCollectPass(ws, deps.now(), opts.fallbackAfterMin)) {
            if (r.kind === 'collect_collected') collected += 1;
            await emit(r);
          }
          return done();
        })(),
      ),
    ),
    takeWhile((stop) => !stop, true),
  );
  await lastValueFrom(passes.pipe(defaultIfEmpty(true)));
  return collected;
};
