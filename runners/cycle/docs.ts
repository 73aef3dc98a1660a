// Reads one small JSON document (emergency stop, gate, allowlist, lock) into the three cases the pure
// readers in lib/cycle/safety.ts distinguish: missing, unreadable (with why), or parsed JSON.
import { promises as fsp } from 'node:fs';
import type { Doc } from '../../lib/cycle/safety.js';

/** What is at `file`: missing, unreadable (I/O error or not JSON, with the reason), or its JSON. */
export const readDoc = async (file: string): Promise<Doc> => {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', detail: e.code ?? e.message };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { kind: 'json', value: JSON.parse(body) as unknown };
  } catch (err) {
    return { kind: 'unreadable', detail: `invalid JSON (${(err as Error).message})` };
  }
};
