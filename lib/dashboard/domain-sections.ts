// The harness and the ops cycle as the page shows them, read through their domains' own ports (a
// harness Workspace, the cycle's HistoryPorts, built by the runner over the repo's files) and folded
// with their own projections and decisions: per task the spawn state and the watchdog's liveness; the
// last cycles and the receipts per ticket. Nothing is derived here that `harness status` or
// `cycle history` does not derive the same way.
import { decodeTicketReceipt } from '../cycle/codecs-tickets.js';
import { gatherHistory, readSnapshots } from '../cycle/history-gather.js';
import { SHOWN } from '../cycle/layout.js';
import type { HistoryPorts } from '../cycle/ports.js';
import { receiptRef, ticketReceiptsProjection } from '../cycle/receipts.js';
import { statusRows } from '../harness/status.js';
import { gatherStatus } from '../harness/status-gather.js';
import type { Workspace } from '../harness/workspace.js';
import type { Section } from './domain-views.js';

/** The domains' ports the page reads through (the runner's, over the repo's files). */
export interface DomainEdges {
  /** The harness workspace under `root`, its harness.config.json applied; rejects on an invalid one. */
  harness(root: string): Promise<Workspace>;
  /** The ops-cycle root's ports and the zone its days are counted in. */
  cycle(root: string): Promise<CycleEdge>;
}

/** The ops-cycle root's ports, and the zone its days are counted in. */
export interface CycleEdge {
  readonly ports: HistoryPorts;
  readonly zone: string;
}

/** How many of the newest cycles and tickets the page lists. */
export const RECENT = 20;
const STUCK_AFTER_MS = 86_400_000;

const section = (title: string, source: string, json: unknown, error: string | null = null): Section => ({
  title,
  source,
  exitCode: null,
  json,
  text: '',
  error,
});

/** The harness view: per task the spawn state with its signals, liveness at asOf, the watchdog's last word. */
export const harnessSections = async (ws: Workspace, asOfMs: number): Promise<Section[]> => {
  const inputs = await gatherStatus(ws);
  const rows = statusRows(inputs, asOfMs, ws.config.watchdog);
  const shown = (file: string) => ws.fs.relative(ws.root, file);
  const tasks = rows.map((r) => ({
    task_id: r.task_id,
    spawn_state: r.spawn_state,
    spawn_signals: r.spawn_signals,
    liveness: r.liveness,
    observed_at: r.observed_at,
    alert_class: r.alert_class,
    closeout_stage: r.closeout_stage,
    finish_profile: r.finish_profile,
  }));
  const watch = Object.entries(inputs.watch.tasks)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([taskId, w]) => ({
      task_id: taskId,
      cycle: w.last.cycle,
      as_of: w.last.as_of,
      status: w.last.status,
      alert_class: w.last.alert_class,
      consecutive_silent: w.last.consecutive_silent,
      escalated: w.last.episode_escalated,
      escalations: w.escalations,
    }));
  return [
    section('Tasks', `${shown(ws.observationsLog)} (spawn state, liveness at as of)`, tasks),
    section('Watchdog', `${shown(ws.watchdogLog)} (cycle ${inputs.watch.cycle})`, watch),
  ];
};

/** The ops-cycle view: the newest cycles, the receipts per ticket (newest first) and the days. */
export const cycleSections = async (edge: CycleEdge, asOfMs: number): Promise<Section[]> => {
  const { ports, zone } = edge;
  const snaps = await readSnapshots(ports);
  const cycles = snaps.ok
    .slice(-RECENT)
    .reverse()
    .map(({ file, snapshot: s }) => ({
      file,
      run_id: s.run_id ?? null,
      asof: s.asof ?? null,
      overall_status: s.overall_status,
      decision: s.ticket_step.decision,
      reason: s.ticket_step.reason,
      request_id: s.ticket_step.selected_request_id ?? null,
      receipt_ref: s.ticket_step.receipt_ref ?? null,
    }));
  const spec = {
    shown: SHOWN.receipts,
    projection: ticketReceiptsProjection(zone),
    decode: decodeTicketReceipt,
  };
  const folded = await ports.fold(spec);
  const receipts = Object.entries(folded.state.byRequest)
    .sort(([, a], [, b]) => b.lastLine - a.lastLine)
    .slice(0, RECENT)
    .map(([requestId, r]) => ({
      request_id: requestId,
      receipts: r.count,
      last_decision: r.lastDecision,
      receipt_ref: receiptRef(r.lastLine),
    }));
  const history = await gatherHistory(ports, { asOfMs, stuckAfterMs: STUCK_AFTER_MS, zone });
  const problems = [...snaps.bad, ...(folded.unreadable === null ? [] : [folded.unreadable])];
  return [
    section('Last cycles', SHOWN.snapshots, cycles, problems.length === 0 ? null : problems.join('; ')),
    section(
      'Receipts',
      `${SHOWN.receipts} (${folded.state.lines} lines, ${folded.state.blocked} BLOCKED)`,
      receipts,
    ),
    section('Per day', `cycle history (${zone})`, history.days),
  ];
};
