// The fleet's JSON documents for a command: the value, null when absent (or an error when it must
// exist), with the reference's `error:` wording when a document is refused or does not parse; and the
// latest line of a log.
import { existsSync } from 'node:fs';
import type * as t from 'io-ts';
import type { FleetPaths } from '../../lib/fleet/layout.js';
import type { StatusReads } from '../../lib/fleet/status-gather.js';
import { lastRecord } from '../../lib/io/last-record.js';
import { CliError } from '../cli/errors.js';
import { foundOr } from '../cli/json-doc.js';
import { readFleetDoc } from './edge.js';
import { refusal } from './logs.js';

/** A JSON document decoded by `codec` (a lenient view never refuses one), or null when the file does
 *  not exist; unparsable → `error: <errorLine>`. */
export const optionalDoc = async <A>(
  p: FleetPaths,
  file: string,
  codec: t.Type<A, unknown, unknown>,
  errorLine: string,
): Promise<A | null> => {
  const d = foundOr(await readFleetDoc(p, file, codec), errorLine, file);
  return d.found ? d.value : null;
};

/** The `error:` lines of a document that must exist: when it is missing, and when it does not parse. */
export interface DocLines {
  readonly missing: string;
  readonly invalid: string;
}

/** A JSON document decoded by `codec` that must exist (`error: <missingLine>` otherwise). */
export const requiredDoc = async <A>(
  p: FleetPaths,
  file: string,
  codec: t.Type<A, unknown, unknown>,
  lines: DocLines,
): Promise<A> => {
  const d = foundOr(await readFleetDoc(p, file, codec), lines.invalid, file);
  if (!d.found) throw new CliError(lines.missing);
  return d.value;
};

/** The last complete line of a log as JSON, or null (missing, empty or unparsable, as `tail -n 1 | jq`). */
export const lastLine = async (p: FleetPaths, file: string): Promise<unknown> => {
  if (!existsSync(file) || (await refusal(p, file)) !== null) return null;
  const r = await lastRecord(file);
  return r.kind === 'record' ? r.value : null;
};

/** The fleet's document reads over the edge, as lib/fleet's gathers take them. */
export const fleetReads = (p: FleetPaths): StatusReads => ({
  required: (file, codec, lines) => requiredDoc(p, file, codec, lines),
  optional: (file, codec, errorLine) => optionalDoc(p, file, codec, errorLine),
  lastLine: (file) => lastLine(p, file),
});
