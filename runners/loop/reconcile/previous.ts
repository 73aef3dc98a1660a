// What the last reconcile left behind, read leniently as the reference does (`jq … || echo {}`): a
// missing document is null, an unreadable one counts as empty and is named in a note, never fatal,
// because reconcile must still run to report the problem.
import { readJsonDoc } from '../../cli/json-doc.js';
import { CliError } from '../../cli/errors.js';
import { lastRecord } from '../../../lib/io/last-record.js';
import type { LenientDoc, PreviousDocsRead } from '../../../lib/loop/reconcile-ports.js';
import type { ManagerFiles } from '../../cli/manager-files.js';

/** The parsed document, `null` when absent, `{}` (with a note) when it does not parse. */
const lenientDoc = async (file: string): Promise<LenientDoc> => {
  try {
    const d = await readJsonDoc(file, `invalid JSON: ${file}`);
    return { value: d.found ? d.value : null, note: null };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { value: {}, note: `${err.details[0] ?? file}; read as {}` };
  }
};

/** The last pass's documents, read leniently, and the last intent record. */
export const previousDocs = async (f: ManagerFiles): Promise<PreviousDocsRead> => {
  const docs = {
    cursor: await lenientDoc(f.cursorFile),
    state: await lenientDoc(f.stateFile),
    transport: await lenientDoc(f.transportHealthFile),
    heartbeat: await lenientDoc(f.heartbeatStateFile),
    sequence: await lenientDoc(f.sequenceStateFile),
    drift: await lenientDoc(f.driftStateFile),
  };
  const last = await lastRecord(f.intentsFile);
  return { ...docs, lastIntent: last.kind === 'record' ? last.value : null };
};
