// Appending to an append-only log: one `write` per record, under the file's lock, fsynced before
// the record counts as acknowledged. A torn tail left by a crashed writer is sealed with a newline
// first, so the new record never fuses with the fragment (the fragment then reads as a corrupt line,
// reported with its position, instead of silently corrupting the record appended after it). A record
// whose write or fsync fails is cut back off (still under the lock, so no other writer's bytes follow
// it): a full disk must not leave a fragment that every strict reader then reports as corruption.
// A log that another writer shares without opsfold's lock (the runtime's and the reference's logs) is
// different: its unterminated last line may be a record still being written, and sealing it would cut
// that record in two. With `tornTail: 'await-writer'` the append waits (holding its own lock) until
// that line ends, then appends whole lines after it; only a fragment left untouched for `quietMs` is a
// dead writer's, and is sealed as above. Waiting is the choice that keeps both records whole: a
// record can only go at the end, and the end is the other writer's until it finishes its line.
import { fsp, type Handle } from './direct-fs.js';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdirDurable, syncNewEntry } from './durable-dir.js';
import { nodeSeam, type WriteSeam } from './fs-seam.js';
import { assertLocksHeld, withLock } from './lock.js';

export interface AppendOptions {
  readonly waitMs?: number;
  readonly staleMs?: number;
  readonly seam?: WriteSeam;
  readonly fsync?: boolean;
  /** An unterminated last line: 'seal' (opsfold's own logs: only a crashed writer leaves one) or
   *  'await-writer' (a log shared with writers outside opsfold's lock). Default 'seal'. */
  readonly tornTail?: 'seal' | 'await-writer';
  /** With 'await-writer': a fragment whose file was not modified for this long is a dead writer's. */
  readonly quietMs?: number;
}

interface Tail {
  readonly whole: boolean;
  readonly mtimeMs: number;
}

/** Whether the log ends on a line boundary (true when it is absent or empty), and when it last changed. */
const tailOf = async (file: string): Promise<Tail> => {
  const handle = await fsp.open(file, 'r').catch(() => null);
  if (handle === null) return { whole: true, mtimeMs: 0 };
  try {
    const { size, mtimeMs } = await handle.stat();
    if (size === 0) return { whole: true, mtimeMs };
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return { whole: last[0] === 0x0a, mtimeMs };
  } finally {
    await handle.close();
  }
};

/** Whether to seal the tail: never when it is whole; after waiting for another writer when shared. */
const mustSeal = async (file: string, options: AppendOptions): Promise<boolean> => {
  if (options.tornTail !== 'await-writer') return !(await tailOf(file)).whole;
  const quietMs = options.quietMs ?? 2000;
  const deadline = Date.now() + Math.max(options.waitMs ?? 10_000, quietMs * 2);
  for (;;) {
    const tail = await tailOf(file);
    if (tail.whole) return false;
    if (Date.now() - tail.mtimeMs >= quietMs) return true;
    if (Date.now() > deadline)
      throw new AppendError(file, 'wait', 0, new Error('another writer keeps its last line unfinished'));
    await sleep(25);
  }
};

// Every value is serialized before anything is written: JSON.stringify returns undefined for
// undefined/functions/symbols (which would append the corrupt line `undefined`) and throws on BigInt
// or cycles, and an append-only log cannot take back the records written before such a value.
const toLine = (value: unknown, index: number): string => {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined)
    throw new TypeError(`appendJsonl: value ${index} has no JSON form (${typeof value})`);
  return `${text}\n`;
};

/** A failed append: which log, which step, and how many records of the batch were written first. */
export class AppendError extends Error {
  constructor(
    readonly file: string,
    readonly step: 'open' | 'wait' | 'write' | 'fsync',
    readonly written: number,
    override readonly cause: unknown,
  ) {
    const code =
      (cause as NodeJS.ErrnoException)?.code ?? (cause instanceof Error ? cause.message : String(cause));
    super(`cannot append to ${file} (${step}: ${code}); ${written} record(s) of this batch were written`);
    this.name = 'AppendError';
  }
}

const writeRecords = async (
  file: string,
  handle: Handle,
  lines: readonly string[],
  o: { seam: WriteSeam; seal: boolean; fsync: boolean },
): Promise<void> => {
  let end = (await handle.stat()).size;
  for (const [i, text] of lines.entries()) {
    const line = Buffer.from(`${i === 0 && o.seal ? '\n' : ''}${text}`);
    let step: 'write' | 'fsync' = 'write';
    try {
      await o.seam.write(handle, line);
      step = 'fsync';
      if (o.fsync) await o.seam.fsync(handle);
    } catch (err) {
      await handle.truncate(end).catch(() => undefined);
      throw new AppendError(file, step, i, err);
    }
    end += line.length;
  }
};

/** Appends each value as one JSON line (one write each) while holding the log's lock. */
export const appendJsonl = async (
  file: string,
  values: readonly unknown[],
  options: AppendOptions = {},
): Promise<void> => {
  const seam = options.seam ?? nodeSeam;
  const lines = values.map(toLine);
  await mkdirDurable(dirname(file), seam);
  await withLock(file, { waitMs: options.waitMs ?? 10_000, staleMs: options.staleMs }, async () => {
    const asOpenError = (err: unknown): never => {
      throw err instanceof AppendError ? err : new AppendError(file, 'open', 0, err);
    };
    const seal = await mustSeal(file, options).catch(asOpenError);
    await assertLocksHeld(); // fencing: a holder that lost its lock appends nothing
    const isNew = !(await fsp.stat(file).then(
      () => true,
      () => false,
    ));
    const handle = await seam.open(file, 'a', 0o644).catch(asOpenError);
    try {
      await writeRecords(file, handle, lines, { seam, seal, fsync: options.fsync !== false });
    } finally {
      await handle.close();
    }
    // A log this append created is only durable once its directory entry is.
    if (isNew && options.fsync !== false)
      await syncNewEntry(file).catch((err: unknown) => {
        throw new AppendError(file, 'fsync', lines.length, err);
      });
  });
};
