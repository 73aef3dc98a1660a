// Parsing one JSON document's bytes: encoding (UTF-8, optional BOM; UTF-16 when asked), the depth
// guard, JSON.parse, then the artifact's codec. Problems carry `line:byte` in the file's own encoding,
// so an operator can open the file at the byte the message names.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decode, type ContractError } from '../core/codec.js';
import { jsonDepthExceededAt, MAX_JSON_DEPTH } from '../core/json-depth.js';
import { jsonErrorOffset } from '../core/json-error-offset.js';
import { decodeText, type TextEncodingName } from '../core/text.js';

/** Why a document could not be used. `refused` and `unreadable` come from the file system. */
export type DocProblem =
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'unreadable'; readonly code: string; readonly reason: string }
  | {
      readonly kind: 'unparsable';
      readonly line: number;
      readonly byteOffset: number;
      readonly reason: string;
    }
  | { readonly kind: 'undecodable'; readonly reason: string; readonly error: ContractError };

/** `utf-8`: UTF-8 with an optional BOM (the default). `detect`: also UTF-16 LE/BE (PowerShell files). */
export type DocEncoding = 'utf-8' | 'detect';

export interface ParsedDoc<A> {
  readonly value: A;
  readonly encoding: TextEncodingName;
}

const BOM = [0xef, 0xbb, 0xbf];

const textOf = (bytes: Uint8Array, encoding: DocEncoding): { text: string; encoding: TextEncodingName } => {
  if (encoding === 'detect') return decodeText(bytes);
  const bom = BOM.every((b, i) => bytes[i] === b);
  return {
    text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', bom ? 3 : 0),
    encoding: bom ? 'utf-8-bom' : 'utf-8',
  };
};

const hasUtf16Bom = (bytes: Uint8Array): boolean =>
  (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

/** Pure: the 1-based line and the byte offset (in the file's encoding) of character `index`. */
export const locateIn = (
  text: string,
  index: number,
  encoding: TextEncodingName,
  bytes: Uint8Array,
): { line: number; byteOffset: number } => {
  const before = text.slice(0, Math.max(0, index));
  const line = before.split('\n').length;
  if (encoding === 'utf-16le' || encoding === 'utf-16be')
    return { line, byteOffset: (hasUtf16Bom(bytes) ? 2 : 0) + 2 * before.length };
  return { line, byteOffset: (encoding === 'utf-8-bom' ? 3 : 0) + Buffer.byteLength(before, 'utf8') };
};

/** Pure: parses a document's bytes and decodes the value with `codec`; Left is the first problem. */
export const parseDocument = <A>(
  bytes: Uint8Array,
  codec: t.Type<A, unknown, unknown>,
  encoding: DocEncoding = 'utf-8',
): E.Either<DocProblem, ParsedDoc<A>> => {
  const decoded = textOf(bytes, encoding);
  const { text } = decoded;
  const at = (index: number, reason: string): DocProblem => ({
    kind: 'unparsable',
    ...locateIn(text, index, decoded.encoding, bytes),
    reason,
  });
  const tooDeep = jsonDepthExceededAt(text);
  if (tooDeep !== null) return E.left(at(tooDeep, `nesting deeper than ${MAX_JSON_DEPTH} levels`));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (err) {
    return E.left(at(jsonErrorOffset(text) ?? text.length, (err as Error).message));
  }
  const value = decode(codec, parsed);
  if (E.isLeft(value)) return E.left({ kind: 'undecodable', reason: value.left.message, error: value.left });
  return E.right({ value: value.right, encoding: decoded.encoding });
};

/**
 * Pure: a problem as one line naming the file the way the operator knows it: `file:line:byte: reason`
 * when there is a position, else `file: reason` (an errno code for `unreadable`).
 */
export const describeProblem = (shownAs: string, problem: DocProblem): string => {
  switch (problem.kind) {
    case 'unparsable':
      return `${shownAs}:${problem.line}:${problem.byteOffset}: ${problem.reason}`;
    case 'unreadable':
      return `${shownAs}: ${problem.code}`;
    case 'refused':
      return `${shownAs}: refused: ${problem.reason}`;
    case 'undecodable':
      return `${shownAs}: ${problem.reason}`;
  }
};
