// The fleet's JSON documents for a command: the value, null when absent (or an error when it must
// exist), with the reference's `error:` wording when a document is refused or does not parse; and the
// latest line of a log.
import { existsSync } from 'node:fs';
import * as t from 'io-ts';
import type { FleetPaths } from '../../lib/fleet/layout.js';
import { lastRecord } from '../../lib/io/last-record.js';
import { CliError } from '../cli/errors.js';
import { foundOr } from '../cli/json-doc.js';
import { readFleetDoc } from './edge.js';
import { refusal } from './logs.js';

/** A JSON document, or null when the file does not exist; unparsable → `error: <errorLine>`. */
export const optionalDoc = async (p: FleetPaths, file: string, errorLine: string): Promise<unknown> => {
  const d = foundOr(await readFleetDoc(p, file, t.unknown), errorLine, file);
  return d.found ? d.value : null;
};

/** A JSON document that must exist (`error: <missingLine>` otherwise). */
export const requiredDoc = async (
  p: FleetPaths,
  file: string,
  lines: { readonly missing: string; readonly invalid: string },
): Promise<unknown> => {
  const d = foundOr(await readFleetDoc(p, file, t.unknown), lines.invalid, file);
  if (!d.found) throw new CliError(lines.missing);
  return d.value;
};

/** The last complete line of a log as JSON, or null (missing, empty or unparsable, as `tail -n 1 | jq`). */
export const lastLine = async (p: FleetPaths, file: string): Promise<unknown> => {
  if (!existsSync(file) || (await refusal(p, file)) !== null) return null;
  const r = await lastRecord(file);
  return r.kind === 'record' ? r.value : null;
};
