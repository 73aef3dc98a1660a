// Locks on real lock directories: fail fast when asked to, wait when asked to, take over a stale
// lock, always release, and report a lock lost while held. No test asserts how long anything took.
import fs from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { LockCompromised, LockConflict, withLock } from './lock.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

/** A promise plus the function that resolves it. */
const gate = (): { opened: Promise<void>; open: () => void } => {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
};

describe('when nobody holds the lock', () => {
  it('runs fn, returns its value, creates the parent directory and removes the lock after', async () => {
    const file = join(tempDir(), 'nested', 'log.jsonl');
    const seen: boolean[] = [];
    const result = await withLock(file, { waitMs: 0 }, async () => {
      seen.push(fs.existsSync(`${file}.lock`));
      return 42;
    });
    expect(result).toBe(42);
    expect(seen).toEqual([true]);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('when fn throws', () => {
  it('passes the error on and releases the lock', async () => {
    const file = join(tempDir(), 'log.jsonl');
    await expect(
      withLock(file, { waitMs: 0 }, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    await expect(withLock(file, { waitMs: 0 }, async () => 'again')).resolves.toBe('again');
  });
});

describe('when another holder keeps the lock and the second caller does not wait (waitMs 0)', () => {
  it('fails fast with LockConflict naming the file; the holder is undisturbed', async () => {
    const file = join(tempDir(), 'log.jsonl');
    const release = gate();
    const entered = gate();
    const first = withLock(file, { waitMs: 0 }, async () => {
      entered.open();
      await release.opened;
      return 'first';
    });
    await entered.opened;
    const err = await withLock(file, { waitMs: 0 }, async () => 'second').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockConflict);
    expect(err).toMatchObject({ file });
    expect((err as Error).message).toContain(`${file}.lock`);
    release.open();
    await expect(first).resolves.toBe('first');
  });
});

describe('when another holder keeps the lock and the second caller waits (waitMs 2000)', () => {
  it('runs the second fn after the first releases, never both at once', async () => {
    const file = join(tempDir(), 'log.jsonl');
    const events: string[] = [];
    const release = gate();
    const entered = gate();
    const first = withLock(file, { waitMs: 0 }, async () => {
      events.push('first:start');
      entered.open();
      await release.opened;
      events.push('first:end');
    });
    await entered.opened;
    const second = withLock(file, { waitMs: 2000 }, async () => {
      events.push('second:run');
      return 'second';
    });
    await sleep(150); // let the waiter retry against the held lock at least once
    expect(events).toEqual(['first:start']);
    release.open();
    await first;
    await expect(second).resolves.toBe('second');
    expect(events).toEqual(['first:start', 'first:end', 'second:run']);
  });
});

describe('when a stale lock directory is left behind by a dead holder', () => {
  it('is taken over (staleMs 1000, lock last touched a minute ago)', async () => {
    const file = join(tempDir(), 'log.jsonl');
    const lockDir = `${file}.lock`;
    fs.mkdirSync(lockDir);
    const minuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(lockDir, minuteAgo, minuteAgo);
    await expect(withLock(file, { waitMs: 0, staleMs: 1000 }, async () => 'took over')).resolves.toBe(
      'took over',
    );
    expect(fs.existsSync(lockDir)).toBe(false);
  });

  it('is not taken over while it is fresh', async () => {
    const file = join(tempDir(), 'log.jsonl');
    fs.mkdirSync(`${file}.lock`);
    await expect(withLock(file, { waitMs: 0, staleMs: 60_000 }, async () => 'no')).rejects.toBeInstanceOf(
      LockConflict,
    );
    expect(fs.existsSync(`${file}.lock`)).toBe(true);
  });
});

describe('when the lock directory is removed while held', () => {
  it('reports LockCompromised once fn returns', async () => {
    const file = join(tempDir(), 'log.jsonl');
    const err = await withLock(file, { waitMs: 0, staleMs: 2000 }, async () => {
      fs.rmdirSync(`${file}.lock`);
      await sleep(2500); // the lock is refreshed every second; the next refresh finds it gone
      return 'done';
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockCompromised);
    expect(err).toMatchObject({ file });
  });
});
