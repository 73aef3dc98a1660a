// GET /metrics on the service: every loop directory under .superloop/loops/, read as `loop status`
// reads it (state.json, health.json and the last reconcile record, through decideStatus), with the open
// escalations folded from escalations.jsonl (resumed from an in-memory checkpoint on the next scrape).
// A loop whose files cannot be read gives no sample for them rather than failing the scrape; a log
// outside the repo or not a regular file is never opened.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import * as t from 'io-ts';
import type { JsonAnswer } from '../../../lib/io/http-server.js';
import { memoryCheckpointStore, type CheckpointStore } from '../../../lib/io/checkpoint-store.js';
import { readRefusal } from '../../../lib/io/confine.js';
import { foldSource } from '../../../lib/io/fold-source.js';
import { lastRecord } from '../../../lib/io/last-record.js';
import { metricsRegistry } from '../../../lib/io/prometheus.js';
import { fileSource } from '../../../lib/io/source.js';
import { fileStore } from '../../../lib/io/store.js';
import { activeEscalations, decodeEscalation, escalationsProjection } from '../../../lib/loop/escalations.js';
import { isLoopIdSegment } from '../../../lib/loop/layout.js';
import { loopMetricsOf, metricFamilies, type LoopMetrics } from '../../../lib/loop/metrics.js';
import { buildStatus, pickStatusFiles } from '../../../lib/loop/status.js';
import { managerFiles, type ManagerFiles } from '../../cli/manager-files.js';
import { clockOf } from '../../cli/run-clock.js';
import { pathsOf, type HandlerContext } from './server-handlers.js';

const loopIds = async (repo: string): Promise<string[]> => {
  const dir = join(repo, '.superloop', 'loops');
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((d) => d.isDirectory() && isLoopIdSegment(d.name))
    .map((d) => d.name)
    .sort();
};

const docOf = async (repo: string, file: string): Promise<unknown> => {
  const got = await fileStore(repo).read(file, t.unknown);
  return got.kind === 'found' ? got.value : null;
};

const lastOf = async (repo: string, file: string): Promise<unknown> => {
  if ((await readRefusal(repo, file)) !== null) return null;
  const r = await lastRecord(file).catch(() => null);
  return r?.kind === 'record' ? r.value : null;
};

const openEscalations = async (repo: string, file: string, checkpoints: CheckpointStore) => {
  if ((await readRefusal(repo, file)) !== null) return null;
  // No log yet: nothing was ever raised.
  if ((await fsp.stat(file).catch(() => null)) === null) return 0;
  const source = fileSource(file, { decode: decodeEscalation, skipCorrupt: true });
  const at = { checkpoints, key: file };
  const fold = (fromStart: boolean) => foldSource(source, escalationsProjection, at, { fromStart });
  // A log rotated or truncated under the checkpoint is folded again from its start.
  const folded = await fold(false)
    .then((f) => (f.kind === 'folded' ? f : fold(true)))
    .catch(() => null);
  if (folded?.kind !== 'folded') return null;
  await checkpoints.save(folded.checkpoint.key, folded.checkpoint.checkpoint);
  return activeEscalations(folded.state).length;
};

const statusOf = async (repo: string, loopId: string, f: ManagerFiles, generatedAt: string) => {
  const none = { cursor: null, lastIntent: null, lastControl: null, tuningSummary: null, drift: null };
  const more = { alertDispatchState: null, lastAlertDelivery: null, heartbeat: null, sequence: null };
  return buildStatus({
    ...none,
    ...more,
    lastInvocation: null,
    state: await docOf(repo, f.stateFile),
    health: await docOf(repo, f.healthFile),
    lastReconcile: await lastOf(repo, f.reconcileTelemetryFile),
    generatedAt,
    repoPath: repo,
    loopId,
    summaryWindow: 0,
    files: pickStatusFiles(f),
  });
};

/** The /metrics handler of one service: its own registry and escalation checkpoints. */
export const metricsHandler = (c: HandlerContext): (() => Promise<JsonAnswer>) => {
  const registry = metricsRegistry();
  const checkpoints = memoryCheckpointStore();
  const loopOf = async (loopId: string, generatedAt: string): Promise<LoopMetrics> => {
    const f = managerFiles(pathsOf(c, loopId), {}, c.repo);
    const open = await openEscalations(c.repo, f.escalationsFile, checkpoints);
    return loopMetricsOf(loopId, await statusOf(c.repo, loopId, f, generatedAt), open);
  };
  return async () => {
    const generatedAt = clockOf(c.now).iso();
    const loops: LoopMetrics[] = [];
    for (const id of await loopIds(c.repo)) loops.push(await loopOf(id, generatedAt));
    return { status: 200, body: null, text: await registry.render(metricFamilies(loops)) };
  };
};
