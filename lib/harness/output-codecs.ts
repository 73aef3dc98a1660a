// Shapes of the files the harness writes that are not logs: the spawn-state sidecar beside a dispatch
// marker, the task md sha decision marker, and the status document.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import { shaDecisionReasons, type ShaDecisionReason } from './sha-decision.js';

/** `<task_id>.dispatched-<team>-<YYMMDD>.spawn-state.json` (seed §3.3), rewritten when the state changes. */
export const SpawnSidecar = t.type(
  {
    task_id: t.string,
    dispatch_marker: t.string,
    state: t.string,
    previous_state: nullable(t.string),
    since: t.string,
    signals: t.array(t.string),
    updated_at: t.string,
  },
  'SpawnStateSidecar',
);

const Reason = t.keyof(
  Object.fromEntries(shaDecisionReasons.map((r) => [r, null])) as Record<ShaDecisionReason, null>,
  'ShaDecisionReason',
);

/** `<task_id>.task-md-sha-decision.json` (seed §4.2–4.3). */
export const ShaDecisionMarker = t.type(
  {
    task_id: t.string,
    task_md: t.string,
    decided_at: t.string,
    expected_sha: t.string,
    dispatch_final_sha: nullable(t.string),
    actual_sha: t.string,
    original_sha: nullable(t.string),
    content_verbatim_match: t.boolean,
    metadata_patch_detected: t.boolean,
    continue_allowed: t.boolean,
    reason: Reason,
    removed_lines: t.number,
    added_lines: t.number,
    non_metadata_added: t.array(t.string),
  },
  'TaskMdShaDecision',
);

const StatusRow = t.type({
  task_id: t.string,
  spawn_state: t.string,
  spawn_signals: t.array(t.string),
  observed_at: nullable(t.string),
  liveness: t.string,
  alert_class: nullable(t.string),
  watchdog_cycle: nullable(t.number),
  closeout_stage: t.string,
  collected_by: nullable(t.string),
  finish_profile: nullable(t.string),
});

/** What `opsfold harness status --json` prints. */
export const HarnessStatus = t.type(
  { as_of: t.string, root: t.string, tasks: t.array(StatusRow) },
  'HarnessStatus',
);
export type HarnessStatusRow = t.TypeOf<typeof StatusRow>;

/** One commit of `harness actor`: its evidence level and the actor it names. */
export const CommitActorRow = t.type({
  sha: t.string,
  subject: t.string,
  author: t.string,
  level: t.keyof({ L1: null, L2: null, L3: null }),
  evidence: t.string,
  actor: nullable(t.string),
  task_id: nullable(t.string),
});

/** What `opsfold harness actor` prints. */
export const ActorReport = t.type(
  {
    range: t.string,
    task_id: nullable(t.string),
    level: t.keyof({ L1: null, L2: null, L3: null }),
    level_name: t.string,
    actors: t.array(t.string),
    claims: t.array(t.string),
    commit_msg_hook_installed: t.boolean,
    commits: t.array(CommitActorRow),
  },
  'HarnessActorReport',
);
export type ActorReport = t.TypeOf<typeof ActorReport>;
