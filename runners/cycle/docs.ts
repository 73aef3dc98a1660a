// Reads one small JSON document (emergency stop, gate, allowlist, lock) into the three cases the pure
// readers in lib/cycle/safety.ts distinguish: missing, unreadable (with why), or parsed JSON.
import * as t from 'io-ts';
import type { Doc } from '../../lib/cycle/safety.js';
import { readDocument } from '../../lib/io/store.js';

/** What is at `file`: missing, unreadable (I/O error or not JSON, with the reason), or its JSON. */
export const readDoc = async (file: string): Promise<Doc> => {
  const got = await readDocument(file, t.unknown);
  if (got.kind === 'missing') return { kind: 'missing' };
  if (got.kind === 'found') return { kind: 'json', value: got.value };
  const { problem } = got;
  if (problem.kind === 'unreadable') return { kind: 'unreadable', detail: problem.code };
  if (problem.kind === 'refused') return { kind: 'unreadable', detail: problem.reason };
  return { kind: 'unreadable', detail: `invalid JSON (${problem.reason})` };
};
