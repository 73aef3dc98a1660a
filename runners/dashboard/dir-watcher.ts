// fs.watch on the artifact directories, kept in step with the directories the store names: prompt,
// but not reliable everywhere (network file systems, editors that rename, directories created later),
// so the polling clock backs it up (watch.ts).
import { watch, type FSWatcher } from 'node:fs';
import { Subject, type Observable } from 'rxjs';

/** A reason to look again: a change in a watched directory, or a tick of the polling clock. */
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
