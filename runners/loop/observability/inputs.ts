// Inputs the observability steps share: the evaluation instant (the reference's `--now`, opsfold's
// `--as-of`), optional JSON documents with the reference's error lines, and the closed flag values.
import { resolve } from 'node:path';
import { lastRecord } from '../../../lib/io/last-record.js';
import { readView } from '../../../lib/loop/lenient.js';
import { LastIntentView } from '../../../lib/loop/manager-views.js';
import { asOfOf, TIME_ARG, timeFlag, type RunInstant } from '../../cli/clock.js';
import { str, type Flag, type Io, type Values } from '../../cli/command.js';
import { usageError } from '../../cli/errors.js';
import { readJsonDoc } from '../../cli/json-doc.js';

export const nowFlag: Flag = {
  type: 'string',
  arg: TIME_ARG,
  help: 'Evaluate as of this instant (RFC 3339 with a zone); the same as --as-of.',
};
export const transportFlag: Flag = {
  type: 'string',
  arg: 'local|sprite_service',
  help: 'Transport mode label (default: local).',
};

/** The evaluation instant: --now, else --as-of, else the clock read once. */
export const nowOf = (v: Values, io: Io): RunInstant =>
  str(v, 'now') === '' ? asOfOf(v, io) : (timeFlag(v, 'now') ?? asOfOf(v, io));

/** `--transport`, checked against the reference's two modes. */
export const transportOf = (v: Values): 'local' | 'sprite_service' => {
  const t = str(v, 'transport') ?? 'local';
  if (t !== 'local' && t !== 'sprite_service')
    throw usageError('--transport must be local or sprite_service');
  return t;
};

/** A non-empty string flag, or null. */
export const optional = (v: Values, name: string): string | null => {
  const x = str(v, name);
  return x === undefined || x === '' ? null : x;
};

/**
 * An optional JSON document: no path or no file → `absent`; unparsable → exit 1 with `errorLine`
 * (the reference's wording, e.g. `invalid state JSON: <file>`) and file:line:byte below it.
 */
export const optionalDoc = async <T>(
  io: Io,
  path: string | null,
  errorLine: (shownAs: string) => string,
  absent: T,
): Promise<unknown> => {
  if (path === null) return absent;
  const doc = await readJsonDoc(resolve(io.cwd, path), errorLine(path), path);
  return doc.found ? doc.value : absent;
};

/** `.status` of the last complete intents record; an unparsable last line counts as none (reference). */
export const lastIntentStatus = async (io: Io, path: string | null): Promise<string | null> => {
  if (path === null) return null;
  const last = await lastRecord(resolve(io.cwd, path));
  if (last.kind !== 'record') return null;
  return readView(LastIntentView, last.value).status;
};
