// The alert dispatch pass that follows a reconcile (unless --alerts-enabled false), run after the
// loop's lock is released: dispatch has its own lock, and sinks may be slow. Shared by `loop
// reconcile` and `fleet reconcile`. It never fails the reconcile: a failed pass is recorded in
// telemetry/alerts.jsonl as the reference does, and returned as a note.
import type { Io } from '../../cli/command.js';
import type { ReconcileSettings } from './settings.js';

export const dispatchAfterReconcile = async (s: ReconcileSettings, io: Io): Promise<string[]> => {
  if (!s.alerts.enabled) return [];
  // Loaded only when alerts run: the alerts domain is about a hundred modules of start-up otherwise.
  const [{ dispatchAlerts }, { nodeEdge }] = await Promise.all([
    import('../../../lib/alerts/dispatch.js'),
    import('../../../lib/io/node-edge.js'),
  ]);
  const r = await dispatchAlerts(nodeEdge(), {
    cwd: io.cwd,
    repo: s.paths.repo,
    loopId: s.paths.loopId,
    env: io.env,
    now: io.now,
    asOf: s.asOf.iso,
    escalationsFile: s.files.escalationsFile,
    stateFile: s.files.alertDispatchStateFile,
    telemetryFile: s.files.alertDispatchTelemetryFile,
    ...(s.stateDir === undefined ? {} : { stateDir: s.stateDir }),
    ...(s.alerts.configFile === null ? {} : { alertConfigFile: s.alerts.configFile }),
    ...(s.traceId === null ? {} : { traceId: s.traceId }),
  });
  return r.status === 'dispatched' ? [...r.notes] : [`alert dispatch failed: ${r.message}`];
};
