// The resumable sha256 of a log's consumed bytes, computed beside the fold instead of inside it: on a
// large range a worker thread hashes while the main thread parses, so a full replay pays for one of
// the two, not both. Both stop at the same place: the last newline before `until`, which is exactly
// where the reader's cursor ends when it reads up to `until` (a torn tail is never hashed).
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Sha256Hasher, type Sha256State } from '../core/sha256.js';
import { packageRoot } from './package-root.js';

export interface RangeDigest {
  readonly state: Sha256State;
  /** Byte offset just past the last newline hashed. */
  readonly end: number;
}

/** Below this many bytes a worker costs more than it saves. */
const WORKER_THRESHOLD = 8 << 20;

/** Hashes [from, until) of `file` through its last newline, on this thread. */
export const digestRangeInline = async (
  file: string,
  from: number,
  until: number,
  state: Sha256State | null,
): Promise<RangeDigest> => {
  const hasher = Sha256Hasher.from(state ?? undefined);
  let end = from;
  let carry: Buffer = Buffer.alloc(0);
  if (until <= from) return { state: hasher.state(), end };
  for await (const chunk of createReadStream(file, { start: from, end: until - 1, highWaterMark: 1 << 19 })) {
    const piece = chunk as Buffer;
    const nl = piece.lastIndexOf(0x0a);
    if (nl === -1) {
      carry = Buffer.concat([carry, piece]);
      continue;
    }
    // The carried bytes and the chunk are hashed one after the other, never joined: joining copied
    // every chunk once more.
    hasher.update(carry).update(piece.subarray(0, nl + 1));
    end += carry.length + nl + 1;
    carry = Buffer.from(piece.subarray(nl + 1));
  }
  return { state: hasher.state(), end };
};

// The worker runs this module's own inline hashing; it imports the compiled module by URL, so it is
// only available where the .js files exist (the built package). Elsewhere the caller falls back.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.self)
  .then((m) => m.digestRangeInline(workerData.file, workerData.from, workerData.until, workerData.state))
  .then((r) => parentPort.postMessage({ ok: r }), (e) => parentPort.postMessage({ error: String(e && e.message || e) }));
`;

// Inside a bundled command (scripts/bundle-commands.ts) this code is part of the command's file, which
// does not export the inline hasher: the worker then loads the package's own compiled module.
const ownModuleUrl = (): string =>
  import.meta.url.endsWith('/lib/io/digest-range.js')
    ? import.meta.url
    : pathToFileURL(join(packageRoot(), 'dist', 'lib', 'io', 'digest-range.js')).href;

const inWorker = (
  file: string,
  from: number,
  until: number,
  state: Sha256State | null,
): Promise<RangeDigest> =>
  // node:worker_threads is loaded only for a range large enough to need it.
  import('node:worker_threads').then(
    ({ Worker }) =>
      new Promise((resolve, reject) => {
        const self = ownModuleUrl();
        const worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { self, file, from, until, state },
        });
        worker.once('message', (m: { ok?: RangeDigest; error?: string }) => {
          void worker.terminate();
          if (m.ok !== undefined) resolve(m.ok);
          else reject(new Error(m.error ?? 'digest worker failed'));
        });
        worker.once('error', reject);
      }),
  );

/** Hashes [from, until) through its last newline: in a worker for large ranges, else inline. */
export const digestRange = async (
  file: string,
  from: number,
  until: number,
  state: Sha256State | null,
): Promise<RangeDigest> => {
  if (until - from < WORKER_THRESHOLD || !import.meta.url.endsWith('.js'))
    return digestRangeInline(file, from, until, state);
  return inWorker(file, from, until, state).catch(() => digestRangeInline(file, from, until, state));
};
