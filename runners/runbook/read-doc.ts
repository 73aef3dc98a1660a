// Reads one small JSON document of a TOS root, whatever wrote it: UTF-8 (Python), UTF-8 with a BOM or
// UTF-16 (Windows PowerShell). A missing file is an answer, not an error; an unreadable one comes back
// as a problem naming file:line:byte, where the byte offset counts in the file's own encoding.
import type * as t from 'io-ts';
import { describeProblem } from '../../lib/io/document.js';
import { readDocument } from '../../lib/io/store.js';

export type DocRead<T> =
  | { readonly found: false }
  | { readonly found: true; readonly bytes: number; readonly value: T; readonly problem: null }
  | { readonly found: true; readonly bytes: number; readonly value: null; readonly problem: string };

/** Reads, parses and decodes `file`; `shownAs` names it in problems. */
export const readDoc = async <A>(
  file: string,
  shownAs: string,
  codec: t.Type<A, unknown, unknown>,
): Promise<DocRead<A>> => {
  const got = await readDocument(file, codec, { encoding: 'detect' });
  if (got.kind === 'missing') return { found: false };
  if (got.kind === 'found') return { found: true, bytes: got.bytes, value: got.value, problem: null };
  return { found: true, bytes: got.bytes, value: null, problem: describeProblem(shownAs, got.problem) };
};
