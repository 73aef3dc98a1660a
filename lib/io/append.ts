// Appending to an append-only log: one `write` per record, under the file's lock, fsynced before
// the record counts as acknowledged. A torn tail left by a crashed writer is sealed with a newline
// first, so the new record never fuses with the fragment (the fragment then reads as a corrupt line,
// reported with its position, instead of silently corrupting the record appended after it). A record
// whose write or fsync fails is cut back off (still under the lock, so no other writer's bytes follow
// it): a full disk must not leave a fragment that every strict reader then reports as corruption.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { nodeSeam, type WriteSeam } from './fs-seam.js';
import { assertLocksHeld, withLock } from './lock.js';

export interface AppendOptions {
  readonly waitMs?: number;
  readonly staleMs?: number;
  readonly seam?: WriteSeam;
  readonly fsync?: boolean;
}

const endsWithNewline = async (file: string): Promise<boolean> => {
  const handle = await fsp.open(file, 'r').catch(() => null);
  if (handle === null) return true;
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
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
    readonly step: 'open' | 'write' | 'fsync',
    readonly written: number,
    override readonly cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException)?.code ?? String(cause);
    super(`cannot append to ${file} (${step}: ${code}); ${written} record(s) of this batch were written`);
    this.name = 'AppendError';
  }
}

const writeRecords = async (
  file: string,
  handle: fsp.FileHandle,
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
  await seam.mkdir(dirname(file));
  await withLock(file, { waitMs: options.waitMs ?? 10_000, staleMs: options.staleMs }, async () => {
    const opened = async () => ({
      seal: !(await endsWithNewline(file)),
      handle: await seam.open(file, 'a', 0o644),
    });
    await assertLocksHeld(); // fencing: a holder that lost its lock appends nothing
    const { seal, handle } = await opened().catch((err: unknown) => {
      throw new AppendError(file, 'open', 0, err);
    });
    try {
      await writeRecords(file, handle, lines, { seam, seal, fsync: options.fsync !== false });
    } finally {
      await handle.close();
    }
  });
};
