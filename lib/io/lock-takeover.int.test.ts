// Takeover of a stale lock under contention, on real lock directories: many contenders that all see
// the same stale lock never hold it at once, losers fail with LockConflict (never a raw fs error),
// and a holder that lost its lock while paused writes nothing more.
import fs from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { appendJsonl } from './append.js';
import { writeFileAtomic } from './atomic.js';
import { LockCompromised, LockConflict, withLock } from './lock.js';
import { runOneShot } from './one-shot.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

const makeStale = (lockDir: string): void => {
  fs.mkdirSync(lockDir, { recursive: true });
  const minuteAgo = new Date(Date.now() - 60_000);
  fs.utimesSync(lockDir, minuteAgo, minuteAgo);
};

/** One round: `n` contenders race for one stale lock; returns the most holders seen at once. */
const round = async (file: string, n: number): Promise<{ most: number; held: number }> => {
  let holders = 0;
  let most = 0;
  let held = 0;
  const contend = async (): Promise<void> => {
    await withLock(file, { waitMs: 0, staleMs: 1000 }, async () => {
      holders += 1;
      held += 1;
      most = Math.max(most, holders);
      await sleep(25);
      holders -= 1;
    }).catch((err: unknown) => {
      if (!(err instanceof LockConflict)) throw err;
    });
  };
  await Promise.all(Array.from({ length: n }, contend));
  return { most, held };
};

describe('when many contenders see the same stale lock', () => {
  it('at most one holds it at a time, over many rounds, and losers get LockConflict', async () => {
    const dir = tempDir();
    let rounds = 0;
    for (let r = 0; r < 40; r += 1) {
      const file = join(dir, `log-${r}.jsonl`);
      makeStale(`${file}.lock`);
      const { most, held } = await round(file, 8);
      expect(most, `round ${r}`).toBeLessThanOrEqual(1);
      if (held > 0) rounds += 1;
    }
    expect(rounds).toBeGreaterThan(0);
  });
});

// The fence follows async contexts, except in a one-shot command, where it covers the whole process.
const modes = [
  ['as a library call', <T>(fn: () => Promise<T>): Promise<T> => fn()],
  ['in a one-shot command', runOneShot],
] as const;

describe.each(modes)(
  'when a holder is paused past the stale time and another process takes the lock over (%s)',
  (_mode, run) => {
    it('its next atomic write fails with LockCompromised and leaves the file alone', async () => {
      const file = join(tempDir(), 'state.json');
      fs.writeFileSync(file, '{"v":0}\n');
      const err = await run(() =>
        withLock(file, { waitMs: 0, staleMs: 1000 }, async () => {
          makeStale(`${file}.lock`); // as if this holder had stopped refreshing for a minute
          await withLock(file, { waitMs: 0, staleMs: 1000 }, async () => {
            await writeFileAtomic(file, '{"v":"taker"}\n');
          });
          await writeFileAtomic(file, '{"v":"paused"}\n');
        }),
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LockCompromised);
      expect(fs.readFileSync(file, 'utf8')).toBe('{"v":"taker"}\n');
    });

    it('its next append under that lock fails with LockCompromised and appends nothing', async () => {
      const dir = tempDir();
      const file = join(dir, 'state.json');
      const log = join(dir, 'log.jsonl');
      const err = await run(() =>
        withLock(file, { waitMs: 0, staleMs: 1000 }, async () => {
          makeStale(`${file}.lock`);
          await withLock(file, { waitMs: 0, staleMs: 1000 }, async () => undefined);
          await appendJsonl(log, [{ n: 1 }]);
        }),
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LockCompromised);
      expect(fs.existsSync(log)).toBe(false);
    });
  },
);

describe('in a one-shot command, the fence covers every lock the process holds', () => {
  it("a write outside the lost lock's own flow is refused too, and after the release writes go on", async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    const other = join(dir, 'other.json');
    let release = (): void => undefined;
    const released = new Promise<void>((r) => (release = r));
    const outcome = await runOneShot(async () => {
      const held = withLock(file, { waitMs: 0, staleMs: 1000 }, async () => {
        makeStale(`${file}.lock`);
        await withLock(file, { waitMs: 0, staleMs: 1000 }, async () => undefined);
        await released;
      }).catch((e: unknown) => e);
      await sleep(50); // the holder above has lost its lock by now
      const refused = await writeFileAtomic(other, '{}\n').catch((e: unknown) => e);
      release();
      const heldErr = await held;
      await writeFileAtomic(other, '{"after":true}\n');
      return { refused, heldErr };
    });
    expect(outcome.refused).toBeInstanceOf(LockCompromised);
    expect(outcome.heldErr).toBeInstanceOf(LockCompromised);
    expect(fs.readFileSync(other, 'utf8')).toBe('{"after":true}\n');
  });
});
