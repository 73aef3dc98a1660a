// `harness dispatch` (seed 004 §3.1, §3.3): fire a task through the scheduler and write its dispatch
// marker right after, by code, not by an operator remembering to. Order: the input is checked and an
// existing marker of the same name refused before anything fires (a fired task whose marker cannot be
// written is the failure §3.4 describes); then the scheduler fires; then the marker is created within
// the seed's 5 s of the fire. The fire is the runner's port (a real process); the rest is here.
import { writeDispatchMarker, type MarkerWrite } from './dispatch-write.js';
import { markerFileName, markerProblems, type MarkerInput } from './dispatch-marker.js';
import type { Workspace } from './workspace.js';

/** Seed §3.3: "dispatch fire 직후 ≤5s 내 atomic write". */
export const DISPATCH_MARKER_DEADLINE_MS = 5000;

/** What the scheduler command reported: whether it fired, what it printed, why not. */
export interface Fired {
  readonly ok: boolean;
  readonly stdout: string;
  readonly detail: string;
}

export interface DispatchPorts {
  readonly fire: () => Promise<Fired>;
  readonly now: () => number;
}

export type DispatchInput = Omit<MarkerInput, 'scheduleId' | 'fireMs'> & {
  /** Given, or null to read it from the scheduler's output with `scheduleIdPattern`. */
  readonly scheduleId: string | null;
  readonly scheduleIdPattern: RegExp;
};

export type DispatchResult =
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'exists'; readonly name: string }
  | { readonly kind: 'fire_failed'; readonly detail: string }
  | { readonly kind: 'no_schedule_id'; readonly stdout: string }
  | {
      readonly kind: 'dispatched';
      readonly scheduleId: string;
      readonly firedMs: number;
      readonly latencyMs: number;
      readonly withinDeadline: boolean;
      readonly write: MarkerWrite;
    };

/** Pure: the schedule id in the scheduler's output: the pattern's first group, else its whole match. */
export const scheduleIdFrom = (stdout: string, pattern: RegExp): string | null => {
  const m = pattern.exec(stdout);
  return m === null ? null : (m[1] ?? m[0]);
};

/** Fires the task through `ports.fire` and writes its create-only dispatch marker. */
export const dispatchTask = async (
  ws: Workspace,
  input: DispatchInput,
  ports: DispatchPorts,
): Promise<DispatchResult> => {
  const before = { ...input, scheduleId: input.scheduleId ?? 'from-scheduler-output', fireMs: ports.now() };
  const problems = markerProblems(before);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const name = markerFileName(before);
  if ((await ws.fs.stat(ws.fs.join(ws.eventsDir, name))).exists) return { kind: 'exists', name };
  const fired = await ports.fire();
  if (!fired.ok) return { kind: 'fire_failed', detail: fired.detail };
  const firedMs = ports.now();
  const scheduleId = input.scheduleId ?? scheduleIdFrom(fired.stdout, input.scheduleIdPattern);
  if (scheduleId === null) return { kind: 'no_schedule_id', stdout: fired.stdout.slice(-500) };
  const write = await writeDispatchMarker(ws, { ...input, scheduleId, fireMs: firedMs });
  const latencyMs = ports.now() - firedMs;
  return {
    kind: 'dispatched',
    scheduleId,
    firedMs,
    latencyMs,
    withinDeadline: latencyMs <= DISPATCH_MARKER_DEADLINE_MS,
    write,
  };
};
