// What `cycle history` reads besides the ticket logs: every snapshot (decoded, or named as unreadable)
// and the state of the runner lock (a stale lock whose run wrote no snapshot is an unrecovered crash).
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decode } from '../../lib/core/codec.js';
import { AnyCycleSnapshot } from '../../lib/cycle/codecs-snapshot.js';
import type { NamedSnapshot } from '../../lib/cycle/history.js';
import type { HistoryView } from '../../lib/cycle/history-text.js';
import { decodeLock, readLock } from '../../lib/cycle/lock-rules.js';
import { fileStore } from '../../lib/io/store.js';
import { readDoc } from './docs.js';
import { cyclePaths, SHOWN } from './paths.js';
import { hasSnapshotOfRun, snapshotNames } from './snapshot-file.js';

export const readSnapshots = async (root: string): Promise<{ ok: NamedSnapshot[]; bad: string[] }> => {
  const store = fileStore(root);
  const dir = cyclePaths(root).snapshots;
  const ok: NamedSnapshot[] = [];
  const bad: string[] = [];
  for (const file of await snapshotNames(dir)) {
    const doc = await readDoc(store, join(dir, file), t.unknown);
    const decoded = doc.kind === 'json' ? decode(AnyCycleSnapshot, doc.value) : null;
    if (decoded !== null && E.isRight(decoded)) ok.push({ file, snapshot: decoded.right });
    else bad.push(`${SHOWN.snapshots}/${file}: ${decoded === null ? 'not JSON' : decoded.left.message}`);
  }
  return { ok, bad };
};

export const lockState = async (root: string, asOfMs: number, zone: string): Promise<HistoryView['lock']> => {
  const p = cyclePaths(root);
  const doc = await readDoc(fileStore(root), p.lock, t.unknown);
  if (doc.kind === 'missing') return null;
  const reading = readLock(decodeLock(doc.kind === 'json' ? doc.value : null), asOfMs, zone);
  if (reading.kind === 'held') return { run_id: reading.lock.run_id, state: 'held', snapshot_written: false };
  const runId = reading.lock?.run_id ?? null;
  const written = runId !== null && (await hasSnapshotOfRun(p.snapshots, runId, null));
  return { run_id: runId, state: written ? 'stale' : 'interrupted', snapshot_written: written };
};
