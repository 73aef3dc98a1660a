// In-process plumbing shared by the bench's child and the in-process queue phase: the bin's own (lazy)
// command table, a stdout that only counts, and an explicit GC so one measured step does not pay for
// the garbage of the one before.
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Command } from '../runners/cli/command.js';
import { loadLazyTable } from '../runners/lazy-commands.js';

let table: Promise<readonly Command[]> | null = null;
/** The bin's own table: the lazy one from the built manifest (the bench runs from dist). */
export const benchCommands = (): Promise<readonly Command[]> =>
  (table ??= loadLazyTable(new URL('../runners/', import.meta.url)).then(
    async (t) => t ?? (await import('../runners/commands.js')).commands,
  ));

/** A throwaway stream that counts bytes and lines and keeps the first MiB of text. */
export class Sink extends Writable {
  bytes = 0;
  lines = 0;
  text = '';

  constructor() {
    super({ decodeStrings: false });
  }

  override _write(chunk: string | Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    const s = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.bytes += Buffer.byteLength(s);
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) this.lines += 1;
    if (this.text.length < 1 << 20) this.text += s.slice(0, (1 << 20) - this.text.length);
    done();
  }
}

/** A GC function when one can be had (node started without --expose-gc still allows the flag at run time). */
export const setupGc = (): (() => void) | null => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
};

/** Peak RSS of this process so far, in MB (monotonic). */
export const maxRssMb = (): number => (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
