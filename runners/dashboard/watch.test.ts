import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { DirWatcher, type Signal, type WatchDir } from './dir-watcher.js';
import { changeSignals } from './watch.js';

describe('the change signals', () => {
  it('merge directory events and clock ticks, and follow the set of watched directories', () => {
    const callbacks = new Map<string, () => void>();
    const closed: string[] = [];
    const fake: WatchDir = (dir, onChange) => {
      if (dir === '/missing') return null;
      callbacks.set(dir, onChange);
      return { close: () => closed.push(dir) };
    };
    const w = new DirWatcher(fake);
    const ticks = new Subject<void>();
    const seen: Signal[] = [];
    changeSignals(w, ticks).subscribe((s) => seen.push(s));
    w.sync(['/a', '/b', '/missing']);
    expect(w.watching).toEqual(['/a', '/b']);
    callbacks.get('/a')?.();
    ticks.next();
    w.sync(['/b']);
    expect(closed).toEqual(['/a']);
    w.sync(['/b', '/missing']);
    expect(w.watching).toEqual(['/b']);
    expect(seen).toEqual([{ kind: 'fs', dir: '/a' }, { kind: 'tick' }]);
    w.close();
    expect(closed).toEqual(['/a', '/b']);
  });
});
