// Change signals for the live page: fs.watch on the artifact directories (prompt, but not reliable
// everywhere: network file systems, editors that rename, directories created later) merged with a
// polling fallback driven by an injected clock (rxjs `interval` by default, a Subject in tests). A
// signal only says "look again": the store compares file signatures and refolds what changed.
import { interval, merge, type Observable } from 'rxjs';
import { map } from 'rxjs/operators';
import type { DirWatcher, Signal } from './dir-watcher.js';

/** The polling clock: every `ms` milliseconds (rxjs interval on its default scheduler). */
export const pollTicks = (ms: number): Observable<unknown> => interval(ms);

/** File-system signals and clock ticks, merged. */
export const changeSignals = (watcher: DirWatcher, ticks: Observable<unknown>): Observable<Signal> =>
  merge(watcher.signals, ticks.pipe(map((): Signal => ({ kind: 'tick' }))));
