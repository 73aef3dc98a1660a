// Reads one small JSON document of a TOS root, whatever wrote it: UTF-8 (Python), UTF-8 with a BOM or
// UTF-16 (Windows PowerShell). A missing file is an answer, not an error; an unreadable one comes back
// as a problem naming file:line:byte, where the byte offset counts in the file's own encoding.
import * as E from 'fp-ts/lib/Either.js';
import { promises as fsp } from 'node:fs';
import type * as t from 'io-ts';
import { decode } from '../../lib/core/codec.js';
import { jsonErrorOffset } from '../../lib/core/json-error-offset.js';
import { decodeText, type TextEncodingName } from '../../lib/runbook/text.js';

export type DocRead<T> =
  | { readonly found: false }
  | { readonly found: true; readonly bytes: number; readonly value: T; readonly problem: null }
  | { readonly found: true; readonly bytes: number; readonly value: null; readonly problem: string };

const byteOffsetOf = (text: string, index: number, encoding: TextEncodingName): number => {
  const before = text.slice(0, index);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 2 + 2 * before.length;
  return (encoding === 'utf-8-bom' ? 3 : 0) + Buffer.byteLength(before, 'utf8');
};

/** Parses a document's bytes; Left is `shownAs:line:byte: reason`. */
export const parseDocBytes = (bytes: Uint8Array, shownAs: string): E.Either<string, unknown> => {
  const { text, encoding } = decodeText(bytes);
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch (err) {
    const index = jsonErrorOffset(text) ?? text.length;
    const line = text.slice(0, index).split('\n').length;
    const reason = (err as Error).message;
    return E.left(`${shownAs}:${line}:${byteOffsetOf(text, index, encoding)}: ${reason}`);
  }
};

/** Reads, parses and decodes `file`; `shownAs` names it in problems. */
export const readDoc = async <A>(
  file: string,
  shownAs: string,
  codec: t.Type<A, unknown, unknown>,
): Promise<DocRead<A>> => {
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { found: false };
    return { found: true, bytes: 0, value: null, problem: `${shownAs}: ${code ?? String(err)}` };
  }
  const parsed = parseDocBytes(bytes, shownAs);
  if (E.isLeft(parsed)) return { found: true, bytes: bytes.length, value: null, problem: parsed.left };
  const decoded = decode(codec, parsed.right);
  if (E.isLeft(decoded))
    return { found: true, bytes: bytes.length, value: null, problem: `${shownAs}: ${decoded.left.message}` };
  return { found: true, bytes: bytes.length, value: decoded.right, problem: null };
};
