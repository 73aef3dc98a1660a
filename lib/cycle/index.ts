// The `opsfold/cycle` entry: the ops cycle: tickets and receipts, execution windows, safety gates,
// snapshots and the daily report.
// Listed by name (no `export *`): projections, decisions, codecs and their types; helpers stay internal.

/** Projections: pure reducers over the records. */
export { snapshotDaysProjection } from './history.js';
export { ticketReceiptsProjection } from './receipts.js';
export { cycleProjections } from './registry.js';
export { dayReceiptsProjection } from './report.js';
export { ticketRequestsProjection, ticketResultsProjection } from './tickets.js';
export { windowsProjection } from './windows.js';

/** Decisions: pure functions of projected state and an explicit asOf. */
export { receiptDecision } from './codecs-tickets.js';
export { decideGates } from './gates.js';
export { historyView, renderHistory } from './history-text.js';
export { decodeLock, readLock } from './lock-rules.js';
export { logProblems } from './log-problems.js';
export { blockAppends } from './records.js';
export { mockWorkAppends } from './mock-worker.js';
export { rawDecision } from './receipts.js';
export { buildDailyReport } from './report.js';
export { ruleOf, preflightPathsOf } from './safety.js';
export { selectOldestOpen } from './selection.js';
export { overallOf, buildSnapshot } from './snapshot.js';
export { statusOf } from './tickets.js';
export { blockedStep, workerFailure, workerStep } from './turn.js';

/** Commands over ports: one ops cycle, and the history of a root (the runner passes the root's files). */
export { runOpsCycle } from './run-cycle.js';
export { gatherHistory } from './history-gather.js';
export { SHOWN as CYCLE_LAYOUT } from './layout.js';

/** Codecs (io-ts) of the artifacts, and the contract registries. */
export {
  EmergencyStop,
  ExecutionGate,
  WindowCreate,
  WindowConsume,
  WindowRevoke,
  WindowEvent,
  AllowlistRule,
  ExecutionAllowlist,
  OpsRunnerLock,
} from './codecs-safety.js';
export {
  OverallStatusCodec,
  TicketDecisionCodec,
  TicketReasonCodec,
  TicketStep,
  SafetySnapshot,
  Counters,
  InterruptedCycle,
  OpsCycleRunV2,
  AnyCycleSnapshot,
  DailyOpsReport,
} from './codecs-snapshot.js';
export {
  TicketRequest,
  TicketResult,
  ReceiptV1,
  ReceiptV2,
  ReceiptV3,
  TicketReceipt,
} from './codecs-tickets.js';
export { cycleContracts } from './registry.js';

/** Reason codes and other closed vocabularies. */
export {
  OVERALL_STATUSES,
  DECISIONS,
  TICKET_REASONS,
  GATE_MODES,
  WARNING_CODES,
  ERROR_CODES,
} from './reasons.js';

/** Types of the inputs, states and outputs above. */
export type { GateFacts, GateVerdict } from './gates.js';
export type { HistoryRow, NamedSnapshot, StuckTicket } from './history.js';
export type { HistoryFacts, HistoryView } from './history-text.js';
export type { BadLine, LogProblems } from './log-problems.js';
export type { LogAppend, TicketLogNames } from './records.js';
export type { WorkerOutcome, WorkerRun, WorkerSpec } from './turn.js';
export type { CycleOptions } from './context.js';
export type { CycleResult } from './run-cycle.js';
export type { HistoryRequest } from './history-gather.js';
export type {
  CyclePorts,
  HistoryPorts,
  CycleLock,
  SnapshotDir,
  FoldLog,
  LogSpec,
  FoldFrom,
  Folded,
  Acquired,
  LockClock,
} from './ports.js';
export type { InterruptFacts, LockReading } from './lock-rules.js';
export type {
  OverallStatus,
  TicketDecision,
  TicketReason,
  GateReason,
  WarningCode,
  ErrorCode,
  CycleError,
} from './reasons.js';
export type { ReceiptsState } from './receipts.js';
export type { BlockFacts } from './records.js';
export type { MockFacts, MockMode } from './mock-worker.js';
export type { DayReceiptsState } from './report.js';
export type { Doc } from './safety.js';
export type { RequestEntry, RequestsState, LatestResult, ResultsState } from './tickets.js';
export type { WindowEntry, WindowsState } from './windows.js';
