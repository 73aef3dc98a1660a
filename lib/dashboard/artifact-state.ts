// What the page says about each artifact it read: there and readable, missing, empty, or corrupt at
// file:line:byte. The page never goes blank on a bad file; it names the file and the place instead.
// Pure: the runner reads the bytes (or learns the file is missing) and passes the text here.
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../core/codec.js';
import type { JsonValue } from '../core/json-schema.js';
import { jsonErrorOffset } from '../core/json-error-offset.js';
import type { ArtifactState } from './outputs.js';

export interface ClassifiedDoc {
  readonly state: ArtifactState;
  /** The parsed document when `state.kind` is ok, else null. */
  readonly value: JsonValue;
}

/** Pure: the 1-based line and byte offset of character `index` of `text`. */
export const positionIn = (text: string, index: number): { line: number; byteOffset: number } => {
  const before = text.slice(0, Math.max(0, index));
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line += 1;
  return { line, byteOffset: new TextEncoder().encode(before).length };
};

const BOM = '\ufeff';

/** Pure: classifies a JSON document's text (`null` when the file does not exist). */
export const classifyJsonDoc = (file: string, text: string | null): ClassifiedDoc => {
  if (text === null) return { state: { file, kind: 'missing' }, value: null };
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body.trim() === '') return { state: { file, kind: 'empty' }, value: null };
  const parsed = parseJson(body);
  if (E.isRight(parsed)) return { state: { file, kind: 'ok' }, value: parsed.right as JsonValue };
  const at = positionIn(body, jsonErrorOffset(body) ?? body.length);
  return { state: { file, kind: 'corrupt', ...at, reason: `invalid JSON: ${parsed.left}` }, value: null };
};

/** Pure: a corrupt JSONL line as an artifact state. */
export const corruptLine = (
  file: string,
  at: { readonly line: number; readonly byteOffset: number },
  reason: string,
): ArtifactState => ({ file, kind: 'corrupt', line: at.line, byteOffset: at.byteOffset, reason });

/** Pure: `file:line:byte` for a corrupt artifact, else the file alone. */
export const whereOf = (s: ArtifactState): string =>
  s.kind === 'corrupt' && s.line !== undefined ? `${s.file}:${s.line}:${s.byteOffset ?? 0}` : s.file;

/** Pure: one line an operator reads: what is wrong with the artifact, and where. */
export const describeArtifact = (s: ArtifactState): string => {
  if (s.kind === 'ok') return `${s.file}: ok`;
  if (s.kind === 'missing') return `${s.file}: missing`;
  if (s.kind === 'empty') return `${s.file}: empty`;
  return `${whereOf(s)}: ${s.reason ?? 'corrupt'}`;
};

/**
 * Pure: the artifacts worth showing as problems: every corrupt one, and the missing or empty ones
 * the caller names as required (a loop without events.jsonl, a registry that is empty).
 */
export const problemsOf = (states: readonly ArtifactState[], required: readonly string[]): ArtifactState[] =>
  states.filter((s) => s.kind === 'corrupt' || (s.kind !== 'ok' && required.includes(s.file)));
