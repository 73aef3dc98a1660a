// Reads one small JSON document (emergency stop, gate, allowlist, lock, snapshot) through the Store,
// confined to the root, into the cases the pure readers in safety.ts distinguish.
import type * as t from 'io-ts';
import type { Store } from '../io/store.js';
import type { Doc } from './safety.js';

/** What is at `file`: missing, unreadable (refused, I/O error or not JSON, with why), not of `codec`, or its value. */
export const readDoc = async <A>(
  store: Store,
  file: string,
  codec: t.Type<A, unknown, unknown>,
): Promise<Doc<A>> => {
  const got = await store.read(file, codec);
  if (got.kind === 'missing') return { kind: 'missing' };
  if (got.kind === 'found') return { kind: 'json', value: got.value };
  const { problem } = got;
  if (problem.kind === 'unreadable') return { kind: 'unreadable', detail: problem.code };
  if (problem.kind === 'refused') return { kind: 'unreadable', detail: problem.reason };
  if (problem.kind === 'undecodable') return { kind: 'notObject' };
  return { kind: 'unreadable', detail: `invalid JSON (${problem.reason})` };
};
