// What the last reconcile left behind, read leniently as the reference does (`jq … || echo {}`): a
// missing document is null, an unreadable one counts as empty and is named in a note, never fatal,
// because reconcile must still run to report the problem.
import { confineArtifact, readArtifactDoc, type ArtifactRoots } from '../../cli/artifacts.js';
import { CliError } from '../../cli/errors.js';
import { lastRecord } from '../../../lib/io/last-record.js';
import type { LenientDoc, PreviousDocsRead } from '../../../lib/loop/reconcile-ports.js';
import type { ManagerFiles } from '../../cli/manager-files.js';

/** The parsed document, `null` when absent, `{}` (with a note) when it does not parse. */
const lenientDoc = async (roots: ArtifactRoots, file: string): Promise<LenientDoc> => {
  try {
    const d = await readArtifactDoc(roots, file, `invalid JSON: ${file}`);
    return { value: d.found ? d.value : null, note: null };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { value: {}, note: `${err.details[0] ?? file}; read as {}` };
  }
};

/** The last pass's documents, read leniently, and the last intent record. */
export const previousDocs = async (roots: ArtifactRoots, f: ManagerFiles): Promise<PreviousDocsRead> => {
  const docs = {
    cursor: await lenientDoc(roots, f.cursorFile),
    state: await lenientDoc(roots, f.stateFile),
    transport: await lenientDoc(roots, f.transportHealthFile),
    heartbeat: await lenientDoc(roots, f.heartbeatStateFile),
    sequence: await lenientDoc(roots, f.sequenceStateFile),
    drift: await lenientDoc(roots, f.driftStateFile),
  };
  const last = await lastRecord(await confineArtifact(roots, f.intentsFile));
  return { ...docs, lastIntent: last.kind === 'record' ? last.value : null };
};
