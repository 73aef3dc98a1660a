// The `opsfold/harness` entry: the agent harness: observations, spawn state, liveness, watchdog alerts,
// routing, collection and finish checks.
// Listed by name (no `export *`): projections, decisions, codecs and their types; helpers stay internal.

/** Projections: pure reducers over the records. */
export { collectProjection } from './collect-projection.js';
export { observationsProjection } from './observations-projection.js';
export { harnessProjections } from './registry.js';
export { watchdogProjection } from './watchdog-projection.js';

/** Decisions: pure functions of projected state and an explicit asOf. */
export { prefixOf, commitActorOf, claimOf } from './actor.js';
export { alertReasons, alertOf } from './alert.js';
export { closeoutOf, collectPathOf } from './closeout.js';
export { collectPass } from './collect-pass.js';
export { configOf } from './config.js';
export { decideCycle } from './cycle.js';
export { markerOf } from './dispatch-marker.js';
export { check } from './finish-facts.js';
export { gitEvidenceOf } from './finish-git.js';
export { finishProfileOf } from './finish-profile.js';
export { scopeGuardOf } from './finish-scope.js';
export { l1SmokeOf } from './finish-smoke.js';
export { linesOf } from './line-diff.js';
export { livenessReasons, livenessOf } from './liveness.js';
export { routeOf, routingProblems } from './routing.js';
export { promptPathsOf, promptHexOf, sessionsOf } from './sessions.js';
export { shaDecisionReasons, shaDecisionOf } from './sha-decision.js';
export { spawnOutcomeReasons, spawnStateOf, spawnStateNamed } from './spawn-state.js';
export { statusRows } from './status.js';
export { statusTable } from './status-table.js';
export { actorReport } from './actor-report.js';
export { sidecarUpdate } from './sidecar.js';
export { hookInstallOf, isOpsfoldHook } from './commit-hook.js';
export { deliverToSink } from './sink.js';
export { escalationKey, messagesToSend } from './escalation-outbox.js';

/** Gathers and passes over the workspace's ports (WorkspaceFs, Store, Git): one call per command. */
export { workspaceLayout, isTaskId } from './workspace.js';
export { gatherObservation } from './gather.js';
export { writeDispatchMarker } from './dispatch-write.js';
export { dispatchTask, scheduleIdFrom, DISPATCH_MARKER_DEADLINE_MS } from './dispatch-run.js';
export { auditLineOf, taskOfWorktree } from './actor-audit.js';
export { knownTasks, observeTasks } from './observe-pass.js';
export { watchdogCycle } from './watchdog-run.js';
export { runCollectPass } from './collect-run.js';
export { gatherStatus } from './status-gather.js';
export { foldObservations, foldWatchdog, foldCollect } from './logs.js';
export { commitsOf, gitFacts } from './git-facts.js';
export { filesAt, dirTimesOf, processesAt } from './timeline.js';

/** Codecs (io-ts) of the artifacts, and the contract registries. */
export { CollectSignal, CollectCollected, CollectLine } from './collect-projection.js';
export { DispatchMethod, DispatchMarker } from './dispatch-marker.js';
export { TaskMode, FinishEvidence, CheckResult, FinishProfileResult } from './finish-codecs.js';
export {
  TaskTimer,
  TaskTimers,
  SessionsFile,
  WatchdogSettings,
  SinkSettings,
  HarnessConfigFile,
  CallbackLaunch,
  ActorAuditLine,
  ExternalDirtyBlocker,
  CloseoutMarkerDoc,
} from './input-codecs.js';
export {
  MarkerSeen,
  SessionStatus,
  SessionEvidence,
  TimerEvidence,
  DispatchSeen,
  Observation,
} from './observation-codec.js';
export { SpawnSidecar, ShaDecisionMarker, HarnessStatus, ActorReport } from './output-codecs.js';
export { harnessContracts } from './registry.js';
export { HOOK_SCRIPT, HOOK_TAG } from './commit-hook.js';
export { IncidentClass, RoutingEntry, RoutingTable } from './routing.js';
export {
  AlertClass,
  WatchdogDecisionRecord,
  WatchdogDeliveryRecord,
  WatchdogLine,
} from './watchdog-codec.js';

/** Reason codes and other closed vocabularies. */
export { ACTOR_LEVELS } from './actor.js';
export { CLOSEOUT_STAGES, COLLECT_PATHS } from './closeout.js';
export { LIVENESS } from './liveness.js';
export { FINISH_MARKERS } from './markers.js';
export { CONTRACT_LAYERS } from './routing.js';
export { SPAWN_STATES, SPAWN_STATE_SYNONYMS } from './spawn-state.js';

/** Types of the inputs, states and outputs above. */
export type { ActorLevel } from './actor.js';
export type { AlertReason, AlertInput, AlertDecision } from './alert.js';
export type { CloseoutFacts, CloseoutResult, CollectFacts } from './closeout.js';
export type { TaskFacts, PassConfig } from './collect-pass.js';
export type { CollectState } from './collect-projection.js';
export type { WatchdogConfig, HarnessConfig } from './config.js';
export type { MarkerInput } from './dispatch-marker.js';
export type { GitFacts, MarkerDoc, FinishInput, Check } from './finish-facts.js';
export type { ScopeCheck } from './finish-scope.js';
export type { LivenessReason, LivenessResult } from './liveness.js';
export type { ObservationsState } from './observations-projection.js';
export type { HarnessStatusRow } from './output-codecs.js';
export type { SessionQuery } from './sessions.js';
export type { ShaDecisionReason, ShaInput, ShaDecision } from './sha-decision.js';
export type { SpawnState, SpawnReason, SpawnOptions } from './spawn-state.js';
export type { StatusInputs } from './status.js';
export type { WatchdogState } from './watchdog-projection.js';
export type { Workspace, WorkspaceFs, WorkspaceParts, FileStat, DirEntry } from './workspace.js';
export type { GatherContext, ProcessSource } from './gather.js';
export type { WatchdogPorts, WatchdogCycle } from './watchdog-run.js';
export type { SinkPorts } from './sink.js';
export type { EscalationPayload, DeliveryResult } from './escalation.js';
export type { MarkerWrite } from './dispatch-write.js';
export type { DispatchInput, DispatchPorts, DispatchResult, Fired } from './dispatch-run.js';
export type { AuditHookConfig } from './actor-audit.js';
export type { Git } from './git-facts.js';
export type { HookInstall } from './commit-hook.js';
export type { Timeline, TimelineFile, TimelineProcess, TimelineStep } from './timeline.js';
