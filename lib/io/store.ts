// The document Store: every artifact a domain reads, writes or appends goes through one, confined to
// its root. Reads never throw for input problems (missing, refused, unreadable, unparsable, wrong
// shape are all answers); writes are atomic stable JSON; appends are one locked write per record.
import { constants, type Stats } from 'node:fs';
import { fsp, type Handle } from './direct-fs.js';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { TextEncodingName } from '../core/text.js';
import { appendJsonl, type AppendOptions } from './append.js';
import { writeFileAtomic, writeJsonAtomic } from './atomic.js';
import { confine, ConfinementError } from './confine.js';
import type { WriteSeam } from './fs-seam.js';
import { parseDocument, type DocEncoding, type DocProblem } from './document.js';

/** What `Store.read` found at a path: nothing, a decoded value, or a problem (never a throw). */
export type DocRead<A> =
  | { readonly kind: 'missing'; readonly path: string }
  | {
      readonly kind: 'found';
      readonly path: string;
      readonly value: A;
      readonly bytes: number;
      readonly encoding: TextEncodingName;
    }
  | {
      readonly kind: 'problem';
      readonly path: string;
      readonly problem: DocProblem;
      /** Size of what was read (0 when nothing could be read). */
      readonly bytes: number;
    };

export interface ReadOptions {
  /** `detect` also reads UTF-16 (files written by Windows PowerShell); default UTF-8 with optional BOM. */
  readonly encoding?: DocEncoding;
}

export interface WriteOptions {
  /** Indented (the default) or one line; keys are sorted either way, so re-runs give identical bytes. */
  readonly pretty?: boolean;
}

/** Documents and logs under one root. Paths are relative to the root or absolute (and then checked). */
export interface Store {
  readonly root: string;
  /** Reads, parses and decodes the document at `path` with `codec`; input problems are results. */
  read<A>(path: string, codec: t.Type<A, unknown, unknown>, options?: ReadOptions): Promise<DocRead<A>>;
  /** Replaces `path` atomically with `value` as stable JSON; ConfinementError / AtomicWriteError. */
  write(path: string, value: unknown, options?: WriteOptions): Promise<void>;
  /** Replaces `path` atomically with `text` as given (a TXT summary, a one-line marker); same errors. */
  writeText(path: string, text: string | Buffer): Promise<void>;
  /** Appends each record as one JSON line under the log's lock; ConfinementError / AppendError. */
  append(path: string, records: readonly unknown[], options?: AppendOptions): Promise<void>;
}

const kindOf = (st: Stats): string => {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
};

/** A file's bytes, or why there are none (missing, or a problem: a FIFO, a device, an I/O error). */
export type Bytes =
  { kind: 'missing' } | { kind: 'bytes'; bytes: Buffer } | { kind: 'problem'; problem: DocProblem; bytes: 0 };

const ioProblem = (err: unknown): DocProblem => {
  const e = err as NodeJS.ErrnoException;
  return { kind: 'unreadable', code: e.code ?? String(err), reason: e.message ?? String(err) };
};

// O_NONBLOCK: opening a FIFO with no writer would otherwise block forever; the fstat below then
// refuses it (and a device) before a single byte is read. Exported for documents that are not JSON
// (QUEUE.md), read from a path confined by the caller.
export const readBytes = async (real: string): Promise<Bytes> => {
  let handle: Handle;
  try {
    handle = await fsp.open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'problem', problem: ioProblem(err), bytes: 0 };
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory())
      return {
        kind: 'problem',
        problem: {
          kind: 'unreadable',
          code: 'EISDIR',
          reason: 'EISDIR: illegal operation on a directory, read',
        },
        bytes: 0,
      };
    if (!st.isFile()) return { kind: 'problem', problem: { kind: 'refused', reason: kindOf(st) }, bytes: 0 };
    return { kind: 'bytes', bytes: await handle.readFile() };
  } catch (err) {
    return { kind: 'problem', problem: ioProblem(err), bytes: 0 };
  } finally {
    await handle.close().catch(() => undefined);
  }
};

/**
 * Reads, parses and decodes one document without confinement: for a file the operator named on the
 * command line (which may live anywhere). Refuses FIFOs and devices; input problems are results.
 */
export const readDocument = async <A>(
  path: string,
  codec: t.Type<A, unknown, unknown>,
  options: ReadOptions = {},
): Promise<DocRead<A>> => {
  const got = await readBytes(path);
  if (got.kind !== 'bytes') return { ...got, path };
  const parsed = parseDocument(got.bytes, codec, options.encoding);
  if (E.isLeft(parsed)) return { kind: 'problem', path, problem: parsed.left, bytes: got.bytes.length };
  const { value, encoding } = parsed.right;
  return { kind: 'found', path, value, bytes: got.bytes.length, encoding };
};

const confined = async (root: string, path: string): Promise<string> => {
  const c = await confine(root, path);
  if (!c.ok) throw new ConfinementError(c.path, c.reason);
  return c.path;
};

export interface FileStoreOptions {
  /** Where writes and appends go through (fault tests cut it); node's fs by default. */
  readonly seam?: WriteSeam;
}

/** A Store over the local file system, confined to `root` (the repo or the state dir). */
export const fileStore = (root: string, store: FileStoreOptions = {}): Store => ({
  root,
  async read<A>(path: string, codec: t.Type<A, unknown, unknown>, options: ReadOptions = {}) {
    const c = await confine(root, path);
    if (!c.ok)
      return { kind: 'problem', path: c.path, problem: { kind: 'refused', reason: c.reason }, bytes: 0 };
    const got = await readDocument(c.real, codec, options);
    return { ...got, path: c.path };
  },
  async write(path, value, options = {}) {
    await writeJsonAtomic(await confined(root, path), value, store.seam, options.pretty ?? true);
  },
  async writeText(path, text) {
    await writeFileAtomic(await confined(root, path), text);
  },
  async append(path, records, options) {
    await appendJsonl(await confined(root, path), records, { seam: store.seam, ...options });
  },
});

/** Reads a document with no shape check (`t.unknown`): for callers that decode later. */
export const readJson = (store: Store, path: string, options?: ReadOptions): Promise<DocRead<unknown>> =>
  store.read(path, t.unknown, options);
