import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.js';

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
