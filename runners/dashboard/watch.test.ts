import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { changeSignals, coalesce, DirWatcher, type Signal, type WatchDir } from './watch.js';

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

describe('coalescing refreshes', () => {
  it('runs once for a burst while running, and once more after it', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = () => new Promise<void>((r) => (release = r));
    let wait = gate();
    const run = coalesce(async () => {
      runs += 1;
      await wait;
    });
    const a = run();
    const b = run();
    const c = run();
    expect(runs).toBe(1);
    const firstRelease = release;
    wait = Promise.resolve();
    firstRelease();
    await Promise.all([a, b, c]);
    expect(runs).toBe(2);
    await run();
    expect(runs).toBe(3);
  });
});
