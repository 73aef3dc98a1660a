// Everything the runbook commands decide on, from what the edge read out of a TOS root: the step logs
// folded (steps and job loop), the orchestrator's own files as typed documents, and the notes worth
// telling the operator. The runner reads (confined, decoded by each file's codec); this only combines.
import { fold } from '../core/projection.js';
import type { JobInput, JobResult, PhaseState } from './codecs.js';
import { inputJobNameOf, jobLoopOf, jobLoopProjection } from './job-loop.js';
import { storedPayload } from './payload.js';
import type { TosSettings } from './settings.js';
import { stepsProjection, type StepsState } from './steps-projection.js';
import type { JobLoopSummary, PreviousPhaseSummary, SkippedStep } from './summary-codecs.js';
import type { StepFile } from './verdict.js';

export const CONFIG_FILE = 'config_v0_3.json';

/** A document as the edge read it; a problem is already one line naming `file:line:byte`. */
export type TosDoc<A> =
  | { readonly kind: 'missing' }
  | { readonly kind: 'found'; readonly value: A; readonly bytes: number }
  | { readonly kind: 'problem'; readonly detail: string; readonly bytes: number };

/** Where each file of a root lives (absolute, resolved by the runner under the config's dirs). */
export interface TosPaths {
  readonly root: string;
  readonly config: string;
  readonly stepsDir: string;
  readonly phaseSummary: string;
  readonly phaseState: string;
  readonly jobInput: string;
  readonly jobResult: string;
}

export interface TosReads {
  readonly paths: TosPaths;
  readonly settings: TosSettings;
  readonly configFound: boolean;
  /** The step logs in file-name order, with where each one is. */
  readonly stepFiles: readonly (StepFile & { readonly path: string })[];
  readonly phaseState: TosDoc<PhaseState>;
  readonly jobInput: TosDoc<JobInput>;
  readonly jobResult: TosDoc<JobResult>;
  readonly previous: TosDoc<PreviousPhaseSummary>;
}

export interface TosFacts {
  readonly paths: TosPaths;
  readonly settings: TosSettings;
  readonly stepFiles: readonly StepFile[];
  /** Files the orchestrator owns or the fold reads: never a target of opsfold's own output. */
  readonly owned: readonly string[];
  readonly steps: StepsState;
  readonly phaseState: PhaseState | null;
  readonly phaseStateProblem: string | null;
  readonly jobInput: { readonly exists: boolean; readonly bytes: number; readonly payload: JobInput | null };
  readonly jobResultExists: boolean;
  readonly phaseSummaryExists: boolean;
  readonly skippedSteps: readonly SkippedStep[];
  readonly jobLoop: JobLoopSummary;
  /** Things worth telling the operator on stderr (`note: …`). */
  readonly notes: readonly string[];
}

const valueOf = <A>(d: TosDoc<A>): A | null => (d.kind === 'found' ? d.value : null);
const problemOf = <A>(d: TosDoc<A>): string | null => (d.kind === 'problem' ? d.detail : null);
const notesOf = <A>(d: TosDoc<A>, what: string): string[] =>
  d.kind === 'problem' ? [`${what}: ${d.detail}`] : [];

const notesOfReads = (r: TosReads): string[] => [
  ...(r.configFound ? [] : [`${CONFIG_FILE} not found; the orchestrator's defaults apply`]),
  ...r.stepFiles.flatMap((f) => (f.problem === null ? [] : [`step log not folded: ${f.problem}`])),
  ...notesOf(r.phaseState, 'phase_state.json unreadable'),
  ...notesOf(r.jobInput, 'job_input.json is not a JSON object, so no payload'),
  ...notesOf(r.jobResult, 'job_result.json does not match its contract'),
  ...notesOf(r.previous, 'previous phase_summary.json unreadable, skipped_steps not carried over'),
];

/** Pure: the facts of a root; the step logs that could be read are folded in file-name order. */
export const tosFactsOf = (r: TosReads): TosFacts => {
  const logs = r.stepFiles.flatMap((f, i) =>
    f.log === null ? [] : [{ value: f.log, position: { line: i + 1, byteOffset: 0 } }],
  );
  const phaseState = valueOf(r.phaseState);
  const payload = valueOf(r.jobInput);
  const p = r.paths;
  return {
    paths: p,
    settings: r.settings,
    stepFiles: r.stepFiles.map(({ name, log, problem }) => ({ name, log, problem })),
    owned: [
      p.phaseState,
      p.jobResult,
      p.jobInput,
      p.phaseSummary,
      p.config,
      ...r.stepFiles.map((f) => f.path),
    ],
    steps: fold(stepsProjection, logs),
    phaseState,
    phaseStateProblem: problemOf(r.phaseState),
    jobInput: {
      exists: r.jobInput.kind !== 'missing',
      bytes: r.jobInput.kind === 'missing' ? 0 : r.jobInput.bytes,
      payload,
    },
    jobResultExists: r.jobResult.kind !== 'missing',
    phaseSummaryExists: r.previous.kind !== 'missing',
    skippedSteps: valueOf(r.previous)?.skipped_steps ?? [],
    jobLoop: jobLoopOf({
      settings: r.settings.jobLoop,
      state: fold(jobLoopProjection, logs),
      storedIndex: phaseState?.job_index ?? null,
      inputJobName: inputJobNameOf(payload),
    }),
    notes: notesOfReads(r),
  };
};

/** Pure: the payload as a step log stores it, or null. */
export const storedPayloadOf = (f: TosFacts): string | null =>
  f.jobInput.payload === null ? null : storedPayload(f.jobInput.payload).text;
