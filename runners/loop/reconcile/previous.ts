// What the last reconcile left behind, read leniently as the reference does (`jq … || echo {}`): a
// missing document is null, an unreadable one counts as empty and is named in a note, never fatal,
// because reconcile must still run to report the problem.
import { readJsonDoc } from '../../cli/json-doc.js';
import { CliError } from '../../cli/errors.js';
import { lastRecord } from '../../../lib/io/last-record.js';
import { readView } from '../../../lib/loop/lenient.js';
import { CursorOffsetView, IntentStatusView, previousViews } from '../../../lib/loop/manager-views.js';
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
  return r.kind === 'record' ? readView(IntentStatusView, r.value).status : null;
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
  const views = previousViews({
    transport: docs.transport.value,
    state: docs.state.value,
    heartbeat: docs.heartbeat.value,
    sequence: docs.sequence.value,
    drift: docs.drift.value,
  });
  const cursorOffset = readView(CursorOffsetView, docs.cursor.value).eventLineOffset ?? 0;
  return { docs, views, cursorOffset, notes, lastIntentStatus: await lastStatus(f.intentsFile) };
};
export type Previous = Awaited<ReturnType<typeof previousOf>>;
