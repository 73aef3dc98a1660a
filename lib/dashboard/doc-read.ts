// A document the Store read, as the page shows it: ok, missing, empty or corrupt at file:line:byte
// with the reason (a refused artifact is corrupt with `refused: ...`). Pure: the runner reads through
// the Store and passes the result here.
import type { JsonValue } from '../core/json-schema.js';
import type { DocRead } from '../io/store.js';
import type { ClassifiedDoc } from './artifact-state.js';

/** Pure: the page's view of a read (a document of only a BOM, or no bytes, is empty). */
export const classifyRead = (shownAs: string, got: DocRead<JsonValue>): ClassifiedDoc => {
  const corrupt = (reason: string, at = { line: 1, byteOffset: 0 }): ClassifiedDoc => ({
    state: { file: shownAs, kind: 'corrupt', ...at, reason },
    value: null,
  });
  if (got.kind === 'found') return { state: { file: shownAs, kind: 'ok' }, value: got.value };
  if (got.kind === 'missing') return { state: { file: shownAs, kind: 'missing' }, value: null };
  const p = got.problem;
  if (p.kind === 'unreadable')
    return p.code === 'ENOTDIR'
      ? { state: { file: shownAs, kind: 'missing' }, value: null }
      : corrupt(`unreadable: ${p.code}`);
  if (p.kind === 'refused') return corrupt(`refused: ${p.reason}`);
  if (p.kind === 'undecodable') return corrupt(p.reason);
  if (blankAt(got.bytes, p)) return { state: { file: shownAs, kind: 'empty' }, value: null };
  return corrupt(`invalid JSON: ${p.reason}`, { line: p.line, byteOffset: p.byteOffset });
};

// A file of nothing but a BOM has its parse error at its end on line 1; whitespace-only text cannot
// be told from a truncated document by the error alone, so only an empty or BOM-only file is empty.
const blankAt = (bytes: number, p: { readonly line: number; readonly byteOffset: number }): boolean =>
  bytes === 0 || (bytes === 3 && p.line === 1 && p.byteOffset === 3);
