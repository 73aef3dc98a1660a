// What the last reconcile left behind, read leniently as the reference does (`jq … || echo {}`): a
// missing document is null, an unreadable one counts as empty and is named in a note, never fatal,
// because reconcile must still run to report the problem.
import { readJsonDoc } from '../../cli/json-doc.js';
import { CliError } from '../../cli/errors.js';
import { lastRecord } from '../../../lib/io/last-record.js';
import { at } from '../../../lib/loop/event-fields.js';
import type { ManagerFiles } from '../../cli/manager-files.js';

export interface Lenient {
  readonly value: unknown;
  readonly note: string | null;
}

/** The parsed document, `null` when absent, `{}` (with a note) when it does not parse. */
export const lenientDoc = async (file: string): Promise<Lenient> => {
  try {
    const d = await readJsonDoc(file, `invalid JSON: ${file}`);
    return { value: d.found ? d.value : null, note: null };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { value: {}, note: `${err.details[0] ?? file}; read as {}` };
  }
};

const lastStatus = async (file: string): Promise<string | null> => {
  const r = await lastRecord(file);
  const s = r.kind === 'record' ? at(r.value, 'status') : null;
  return typeof s === 'string' && s !== '' ? s : null;
};

/** What the last pass left behind, read leniently, with a note per unreadable document. */
export const previousOf = async (f: ManagerFiles) => {
  const docs = {
    cursor: await lenientDoc(f.cursorFile),
    state: await lenientDoc(f.stateFile),
    transport: await lenientDoc(f.transportHealthFile),
    heartbeat: await lenientDoc(f.heartbeatStateFile),
    sequence: await lenientDoc(f.sequenceStateFile),
    drift: await lenientDoc(f.driftStateFile),
  };
  const notes = Object.values(docs).flatMap((d) => (d.note === null ? [] : [d.note]));
  return { docs, notes, lastIntentStatus: await lastStatus(f.intentsFile) };
};
export type Previous = Awaited<ReturnType<typeof previousOf>>;
