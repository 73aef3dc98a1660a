// Reads a small JSON document (state, approval, summary, config). A parse failure names the file,
// line and byte offset, under the reference's own `error:` wording.
import { promises as fsp } from 'node:fs';
import { CliError } from './errors.js';
import { jsonErrorOffset } from '../../lib/core/json-error-offset.js';
import { jsonDepthExceededAt, MAX_JSON_DEPTH } from '../../lib/core/json-depth.js';

/** Line and byte offset of character index `index` in `text` (1-based line). */
export const locate = (text: string, index: number): { line: number; byteOffset: number } => {
  const before = text.slice(0, Math.max(0, index));
  const line = before.split('\n').length;
  return { line, byteOffset: Buffer.byteLength(before, 'utf8') };
};

const positionOf = (text: string): number => jsonErrorOffset(text) ?? text.length;

export type JsonDoc = { readonly found: false } | { readonly found: true; readonly value: unknown };

/**
 * Reads and parses `file`. Missing → `{found:false}`. Unparsable → CliError with `errorLine` (the
 * reference's text) and `file:line:byte: reason` on the next line.
 */
export const readJsonDoc = async (file: string, errorLine: string, shownAs = file): Promise<JsonDoc> => {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { found: false };
    throw new CliError(errorLine, [`${shownAs}: ${(err as Error).message}`]);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const tooDeep = jsonDepthExceededAt(body);
  if (tooDeep !== null) {
    const at = locate(body, tooDeep);
    throw new CliError(errorLine, [
      `${shownAs}:${at.line}:${at.byteOffset}: nesting deeper than ${MAX_JSON_DEPTH} levels`,
    ]);
  }
  try {
    return { found: true, value: JSON.parse(body) as unknown };
  } catch (err) {
    const msg = (err as Error).message;
    const at = locate(body, positionOf(body));
    throw new CliError(errorLine, [`${shownAs}:${at.line}:${at.byteOffset}: ${msg}`]);
  }
};
