// Checkpoints live next to opsfold's outputs under `<repo>/.opsfold/` (or --state-dir). A checkpoint
// is trusted only while its source still matches the cheap fingerprint taken when it was saved: a file
// that shrank is truncated, one whose head or last consumed line changed is rotated, and the runner
// fails closed on either unless the operator asked to start over.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { Checkpoint, Cursor, SourceFingerprint } from '../core/position.js';
import { writeJsonAtomic } from './atomic.js';

const HEAD_BYTES = 64 * 1024;

const shaOfRange = async (file: string, start: number, end: number): Promise<string> => {
  const handle = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, end - start));
    let done = 0;
    while (done < buf.length) {
      const { bytesRead } = await handle.read(buf, done, buf.length - done, start + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return createHash('sha256').update(buf.subarray(0, done)).digest('hex');
  } finally {
    await handle.close();
  }
};

export interface LastLine {
  readonly byteOffset: number;
  readonly end: number;
}

/**
 * The fingerprint of `file` as consumed up to `cursor`; `lastLine` is where the last consumed line
 * starts, and its digest covers the bytes from there to the cursor.
 */
export const fingerprintAt = async (file: string, cursor: Cursor, lastLine: LastLine | null): Promise<SourceFingerprint> => {
  const st = await fsp.stat(file);
  return {
    size: st.size,
    inode: st.ino,
    headSha256: await shaOfRange(file, 0, Math.min(HEAD_BYTES, cursor.byteOffset)),
    lastLineByteOffset: lastLine?.byteOffset ?? null,
    lastLineSha256: lastLine === null ? null : await shaOfRange(file, lastLine.byteOffset, cursor.byteOffset),
  };
};

export type SourceCheck = { readonly ok: true } | { readonly ok: false; readonly kind: 'truncated' | 'rotated'; readonly detail: string };

/** Does `file` still hold, unchanged, the bytes the checkpoint consumed? */
export const checkSource = async (file: string, cp: Checkpoint<unknown>): Promise<SourceCheck> => {
  const st = await fsp.stat(file).catch(() => null);
  if (st === null) return { ok: false, kind: 'rotated', detail: 'the file is gone' };
  const at = cp.cursor.byteOffset;
  if (st.size < at) return { ok: false, kind: 'truncated', detail: `size ${st.size} is below the checkpoint at byte ${at}` };
  const head = await shaOfRange(file, 0, Math.min(HEAD_BYTES, at));
  if (head !== cp.source.headSha256) return { ok: false, kind: 'rotated', detail: 'the first bytes differ from the checkpoint' };
  const { lastLineByteOffset: lastAt, lastLineSha256: lastSha } = cp.source;
  if (lastAt !== null && lastSha !== null && (await shaOfRange(file, lastAt, at)) !== lastSha) {
    return { ok: false, kind: 'rotated', detail: `the line at byte ${lastAt} differs from the checkpoint` };
  }
  return { ok: true };
};

export type LoadedCheckpoint<S> = { readonly checkpoint: Checkpoint<S> | null; readonly note: string | null };

/** Loads a checkpoint for `projection`@`version`; another version, a missing or unreadable file → none. */
export const loadCheckpoint = async <S>(path: string, projection: string, version: number): Promise<LoadedCheckpoint<S>> => {
  const text = await fsp.readFile(path, 'utf8').catch(() => null);
  if (text === null) return { checkpoint: null, note: null };
  try {
    const cp = JSON.parse(text) as Checkpoint<S>;
    if (cp.projection !== projection || cp.version !== version) {
      return { checkpoint: null, note: `checkpoint ${path} is for ${cp.projection}@${cp.version}; folding from the start` };
    }
    return { checkpoint: cp, note: null };
  } catch {
    return { checkpoint: null, note: `checkpoint ${path} is unreadable; folding from the start` };
  }
};

/** Saves a checkpoint atomically as stable JSON. */
export const saveCheckpoint = (path: string, cp: Checkpoint<unknown>): Promise<void> => writeJsonAtomic(path, cp, undefined, false);
