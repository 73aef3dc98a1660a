// Checkpoints live next to opsfold's outputs under `<repo>/.opsfold/` (or --state-dir). A checkpoint
// is trusted only while its source still matches the cheap fingerprint taken when it was saved: a file
// that shrank is truncated, one whose head or last consumed line changed is rotated, and the runner
// fails closed on either unless the operator asked to start over.
import { createHash } from 'node:crypto';
import { fsp } from './direct-fs.js';
import * as E from 'fp-ts/lib/Either.js';
import type { Checkpoint, Cursor, SourceFingerprint } from '../core/position.js';
import { CheckpointFile } from '../core/checkpoint-codec.js';
import { decode, parseJson } from '../core/codec.js';
import { Sha256Hasher } from '../core/sha256.js';
import { stableJson } from '../core/stable-json.js';
import { writeJsonAtomic } from './atomic.js';
import { readRange } from './byte-range.js';

const HEAD_BYTES = 64 * 1024;

const shaOfRange = async (file: string, start: number, end: number): Promise<string> =>
  createHash('sha256')
    .update(await readRange(file, start, end))
    .digest('hex');

export interface LastLine {
  readonly byteOffset: number;
  readonly end: number;
}

/**
 * The fingerprint of `file` as consumed up to `cursor`; `lastLine` is where the last consumed line
 * starts, and its digest covers the bytes from there to the cursor.
 */
export const fingerprintAt = async (
  file: string,
  cursor: Cursor,
  lastLine: LastLine | null,
): Promise<SourceFingerprint> => {
  const st = await fsp.stat(file);
  return {
    size: st.size,
    inode: st.ino,
    headSha256: await shaOfRange(file, 0, Math.min(HEAD_BYTES, cursor.byteOffset)),
    lastLineByteOffset: lastLine?.byteOffset ?? null,
    lastLineSha256: lastLine === null ? null : await shaOfRange(file, lastLine.byteOffset, cursor.byteOffset),
  };
};

export type SourceCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'truncated' | 'rotated'; readonly detail: string };

/** Does `file` still hold, unchanged, the bytes the checkpoint consumed? */
export const checkSource = async (file: string, cp: Checkpoint<unknown>): Promise<SourceCheck> => {
  const st = await fsp.stat(file).catch(() => null);
  if (st === null) return { ok: false, kind: 'rotated', detail: 'the file is gone' };
  const at = cp.cursor.byteOffset;
  if (st.size < at)
    return { ok: false, kind: 'truncated', detail: `size ${st.size} is below the checkpoint at byte ${at}` };
  const head = await shaOfRange(file, 0, Math.min(HEAD_BYTES, at));
  if (head !== cp.source.headSha256)
    return { ok: false, kind: 'rotated', detail: 'the first bytes differ from the checkpoint' };
  const { lastLineByteOffset: lastAt, lastLineSha256: lastSha } = cp.source;
  if (lastAt !== null && lastSha !== null && (await shaOfRange(file, lastAt, at)) !== lastSha) {
    return { ok: false, kind: 'rotated', detail: `the line at byte ${lastAt} differs from the checkpoint` };
  }
  return { ok: true };
};

export type LoadedCheckpoint<S> = { readonly checkpoint: Checkpoint<S> | null; readonly note: string | null };

const unreadable = (path: string, why: string): LoadedCheckpoint<never> => ({
  checkpoint: null,
  note: `checkpoint ${path} is unreadable (${why}); folding from the start`,
});

const readText = (path: string): Promise<{ text: string } | { code: string }> =>
  fsp.readFile(path, 'utf8').then(
    (text) => ({ text }),
    (err: NodeJS.ErrnoException) => ({ code: err.code ?? String(err) }),
  );

// A digest mid-state must be well-formed and cover exactly the consumed bytes, or resuming would
// throw inside the hasher or report the digest of the wrong prefix.
const digestProblem = (cp: Checkpoint<unknown>): string | null => {
  if (cp.digest === undefined) return null;
  if (cp.digest.length !== cp.cursor.byteOffset) return 'digest length differs from the cursor';
  try {
    Sha256Hasher.from(cp.digest);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
};

const stateProblem = (sha: string | undefined, state: unknown): string | null =>
  sha === stateShaOf(state) ? null : 'its state does not match its stateSha256';

// Only a missing file is silent (the first run). A file that cannot be read (EISDIR, EACCES …), is
// not JSON, or does not have the checkpoint's shape is ignored with a note: resuming from a half-valid
// checkpoint would crash the fold (or worse, resume from a cursor that is not a number).
/** Loads a checkpoint for `projection`@`version`; another version, a missing or unreadable file → none. */
export const loadCheckpoint = async <S>(
  path: string,
  projection: string,
  version: number,
): Promise<LoadedCheckpoint<S>> => {
  const read = await readText(path);
  if ('code' in read)
    return read.code === 'ENOENT' ? { checkpoint: null, note: null } : unreadable(path, read.code);
  const parsed = parseJson(read.text);
  if (E.isLeft(parsed)) return unreadable(path, parsed.left);
  const id = (parsed.right ?? {}) as { projection?: unknown; version?: unknown };
  const named = typeof id.projection === 'string' && typeof id.version === 'number';
  if (named && (id.projection !== projection || id.version !== version)) {
    return {
      checkpoint: null,
      note: `checkpoint ${path} is for ${String(id.projection)}@${String(id.version)}; folding from the start`,
    };
  }
  const decoded = decode(CheckpointFile, parsed.right);
  if (E.isLeft(decoded)) return unreadable(path, decoded.left.message);
  const cp = decoded.right as Checkpoint<S>;
  const problem = digestProblem(cp) ?? stateProblem(decoded.right.stateSha256, cp.state);
  return problem === null ? { checkpoint: cp, note: null } : unreadable(path, problem);
};

/** The sha256 of a state as stable JSON: what a checkpoint's `stateSha256` must equal. */
const stateShaOf = (state: unknown): string =>
  createHash('sha256').update(stableJson(state, false)).digest('hex');

/**
 * Saves a checkpoint atomically as stable JSON, with the sha256 of its state: the loader refuses a
 * state that was edited or rotted on disk instead of handing a wrong-shaped value to `evolve`.
 */
export const saveCheckpoint = (path: string, cp: Checkpoint<unknown>): Promise<void> =>
  writeJsonAtomic(path, { ...cp, stateSha256: stateShaOf(cp.state) }, undefined, false);
