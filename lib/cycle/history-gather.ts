// What `cycle history` reads, through its ports: every snapshot (decoded, or named as unreadable), the
// ticket logs, and the state of the runner lock (a stale lock whose run wrote no snapshot is an
// unrecovered crash); then the view the command prints.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decode } from '../core/codec.js';
import { AnyCycleSnapshot } from './codecs-snapshot.js';
import { readDoc } from './doc-read.js';
import type { NamedSnapshot } from './history.js';
import { historyView, type HistoryView } from './history-text.js';
import { SHOWN } from './layout.js';
import { decodeLock, readLock } from './lock-rules.js';
import { badLineText } from './log-problems.js';
import type { HistoryPorts } from './ports.js';
import { readTicketLogs } from './ticket-logs.js';

export const readSnapshots = async (ports: HistoryPorts): Promise<{ ok: NamedSnapshot[]; bad: string[] }> => {
  const ok: NamedSnapshot[] = [];
  const bad: string[] = [];
  for (const file of await ports.snapshots.names()) {
    const doc = await readDoc(ports.store, `${SHOWN.snapshots}/${file}`, t.unknown);
    const decoded = doc.kind === 'json' ? decode(AnyCycleSnapshot, doc.value) : null;
    if (decoded !== null && E.isRight(decoded)) ok.push({ file, snapshot: decoded.right });
    else bad.push(`${SHOWN.snapshots}/${file}: ${decoded === null ? 'not JSON' : decoded.left.message}`);
  }
  return { ok, bad };
};

export const lockState = async (
  ports: HistoryPorts,
  asOfMs: number,
  zone: string,
): Promise<HistoryView['lock']> => {
  const doc = await readDoc(ports.store, SHOWN.lock, t.unknown);
  if (doc.kind === 'missing') return null;
  const reading = readLock(decodeLock(doc.kind === 'json' ? doc.value : null), asOfMs, zone);
  if (reading.kind === 'held') return { run_id: reading.lock.run_id, state: 'held', snapshot_written: false };
  const runId = reading.lock?.run_id ?? null;
  const written = runId !== null && (await ports.snapshots.hasRun(runId, null));
  return { run_id: runId, state: written ? 'stale' : 'interrupted', snapshot_written: written };
};

export interface HistoryRequest {
  readonly asOfMs: number;
  readonly stuckAfterMs: number;
  readonly zone: string;
}

/** The history of a root as of `asOfMs`: its per-day rows, stuck tickets, lock, and what was skipped. */
export const gatherHistory = async (ports: HistoryPorts, req: HistoryRequest): Promise<HistoryView> => {
  const snaps = await readSnapshots(ports);
  const read = await readTicketLogs(ports.fold, req.zone);
  return historyView({
    snapshots: snaps.ok,
    logs: read.logs,
    lock: await lockState(ports, req.asOfMs, req.zone),
    unreadable: [...snaps.bad, ...read.bad.map(badLineText), ...read.unreadable],
    ...req,
  });
};
