// Change signals for the live page: fs.watch on the artifact directories (prompt, but not reliable
// everywhere: network file systems, editors that rename, directories created later) merged with a
// polling fallback driven by an injected clock (rxjs `interval` by default, a Subject in tests). A
// signal only says "look again": the store compares file signatures and refolds what changed.
import { watch, type FSWatcher } from 'node:fs';
import { interval, merge, Subject, type Observable } from 'rxjs';
import { map } from 'rxjs/operators';

export type Signal = { readonly kind: 'fs'; readonly dir: string } | { readonly kind: 'tick' };

/** Starts watching one directory; null when it cannot be watched (missing, unsupported). */
export type WatchDir = (dir: string, onChange: () => void) => { close(): void } | null;

const nodeWatchDir: WatchDir = (dir, onChange) => {
  let w: FSWatcher;
  try {
    w = watch(dir, { persistent: false }, () => onChange());
  } catch {
    return null;
  }
  // A watched directory that disappears errors; the next sync watches it again if it comes back.
  w.on('error', () => w.close());
  return w;
};

export class DirWatcher {
  private readonly watchers = new Map<string, { close(): void }>();
  private readonly fs$ = new Subject<Signal>();

  constructor(private readonly watchDir: WatchDir = nodeWatchDir) {}

  /** Watch exactly `dirs` (those that can be watched now); a later sync retries the others. */
  sync(dirs: readonly string[]): void {
    const wanted = new Set(dirs);
    for (const [dir, w] of this.watchers)
      if (!wanted.has(dir)) {
        w.close();
        this.watchers.delete(dir);
      }
    for (const dir of wanted) {
      if (this.watchers.has(dir)) continue;
      const w = this.watchDir(dir, () => this.fs$.next({ kind: 'fs', dir }));
      if (w !== null) this.watchers.set(dir, w);
    }
  }

  get watching(): readonly string[] {
    return [...this.watchers.keys()].sort();
  }

  get signals(): Observable<Signal> {
    return this.fs$.asObservable();
  }

  close(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    this.fs$.complete();
  }
}

/** The polling clock: every `ms` milliseconds (rxjs interval on its default scheduler). */
export const pollTicks = (ms: number): Observable<unknown> => interval(ms);

/** File-system signals and clock ticks, merged. */
export const changeSignals = (watcher: DirWatcher, ticks: Observable<unknown>): Observable<Signal> =>
  merge(watcher.signals, ticks.pipe(map((): Signal => ({ kind: 'tick' }))));

/**
 * Runs `fn` for a burst of triggers at most twice: once now, and once more after it if anything
 * triggered while it ran. Every caller's promise settles after a run that started after its call.
 */
export const coalesce = (fn: () => Promise<void>): (() => Promise<void>) => {
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const p = fn().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  return () => {
    if (running === null) return start();
    again ??= running
      .catch(() => undefined)
      .then(() => {
        again = null;
        return start();
      });
    return again;
  };
};
