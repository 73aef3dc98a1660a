// Everything a TOS root holds that the runbook commands read, gathered once: the config (with the
// orchestrator's defaults), the step logs in file-name order, phase_state.json, job_input.json,
// job_result.json and the skipped steps of the previous phase_summary.json. Nothing here writes; the
// orchestrator's files (phase_state.json, job_result.json) are only ever read.
import { promises as fsp, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as t from 'io-ts';
import { fold } from '../../lib/core/projection.js';
import { JobInput, JobResult, PhaseState, StepLog, TosConfig } from '../../lib/runbook/codecs.js';
import { inputJobNameOf, jobLoopOf, jobLoopProjection } from '../../lib/runbook/job-loop.js';
import { storedPayload } from '../../lib/runbook/payload.js';
import { settingsOf, type TosSettings } from '../../lib/runbook/settings.js';
import { stepsProjection, type StepsState } from '../../lib/runbook/steps-projection.js';
import { SkippedStep, type JobLoopSummary } from '../../lib/runbook/summary-codecs.js';
import type { StepFile } from '../../lib/runbook/verdict.js';
import { CliError } from '../cli/errors.js';
import { readDoc } from './read-doc.js';

export const CONFIG_FILE = 'config_v0_3.json';
const STEP_FILE = /^step_.*\.json$/;

export interface TosPaths {
  readonly root: string;
  readonly config: string;
  readonly stepsDir: string;
  readonly phaseSummary: string;
  readonly phaseState: string;
  readonly jobInput: string;
  readonly jobResult: string;
  readonly lastCheckpoint: string;
}

/** Where each file of a root lives under the given settings (paths in the config are root-relative). */
export const tosPaths = (root: string, s: TosSettings): TosPaths => ({
  root,
  config: join(root, CONFIG_FILE),
  stepsDir: resolve(root, s.logsDir, 'steps'),
  phaseSummary: resolve(root, s.logsDir, 'phase_summary.json'),
  phaseState: resolve(root, s.workspaceDir, 'artifacts', 'phase_state.json'),
  jobInput: resolve(root, s.jobLoop.inputPath),
  jobResult: resolve(root, s.jobLoop.resultPath),
  lastCheckpoint: join(root, 'logs', 'last_checkpoint.txt'),
});

export interface TosFacts {
  readonly paths: TosPaths;
  readonly settings: TosSettings;
  readonly stepFiles: readonly StepFile[];
  readonly steps: StepsState;
  readonly phaseState: PhaseState | null;
  readonly phaseStateProblem: string | null;
  readonly jobInput: { readonly exists: boolean; readonly bytes: number; readonly payload: object | null };
  readonly jobResultExists: boolean;
  readonly phaseSummaryExists: boolean;
  readonly skippedSteps: readonly SkippedStep[];
  readonly jobLoop: JobLoopSummary;
  /** Things worth telling the operator on stderr (`note: …`). */
  readonly notes: readonly string[];
}

/** The root directory, refused when it is not one. */
export const tosRoot = (cwd: string, rootArg: string): string => {
  const root = resolve(cwd, rootArg);
  let isDir: boolean;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new CliError(`TOS root not found: ${rootArg}`);
  return root;
};

/** The root's config, or null (with a note) when it has none; an unreadable config fails (exit 1). */
export const readConfig = async (file: string, shownAs: string): Promise<TosConfig | null> => {
  const doc = await readDoc(file, shownAs, TosConfig);
  if (!doc.found) return null;
  if (doc.problem !== null) throw new CliError(`invalid config: ${shownAs}`, [doc.problem]);
  return doc.value;
};

const readSteps = async (dir: string): Promise<StepFile[]> => {
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const sorted = names.filter((n) => STEP_FILE.test(n)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: StepFile[] = [];
  for (const name of sorted) {
    const doc = await readDoc(join(dir, name), name, StepLog);
    if (doc.found) out.push({ name, log: doc.value, problem: doc.problem });
  }
  return out;
};

const PreviousSummary = t.partial({ skipped_steps: t.array(SkippedStep) });

const notesOf = (f: { problem: string | null } | { found: false }, what: string): string[] =>
  'problem' in f && f.problem !== null ? [`${what}: ${f.problem}`] : [];

/** Reads every file of the root; folds the step logs and the job loop. */
export const gatherTos = async (root: string): Promise<TosFacts> => {
  const config = await readConfig(join(root, CONFIG_FILE), CONFIG_FILE);
  const settings = settingsOf(config);
  const paths = tosPaths(root, settings);
  const stepFiles = await readSteps(paths.stepsDir);
  const state = await readDoc(paths.phaseState, 'phase_state.json', PhaseState);
  const input = await readDoc(paths.jobInput, 'job_input.json', JobInput);
  const result = await readDoc(paths.jobResult, 'job_result.json', JobResult);
  const previous = await readDoc(paths.phaseSummary, 'phase_summary.json', PreviousSummary);
  const logs = stepFiles.flatMap((f, i) =>
    f.log === null ? [] : [{ value: f.log, position: { line: i + 1, byteOffset: 0 } }],
  );
  const phaseState = state.found ? state.value : null;
  const payload = input.found ? input.value : null;
  return {
    paths,
    settings,
    stepFiles,
    steps: fold(stepsProjection, logs),
    phaseState,
    phaseStateProblem: state.found ? state.problem : null,
    jobInput: { exists: input.found, bytes: input.found ? input.bytes : 0, payload },
    jobResultExists: result.found,
    phaseSummaryExists: previous.found,
    skippedSteps: previous.found ? (previous.value?.skipped_steps ?? []) : [],
    jobLoop: jobLoopOf({
      settings: settings.jobLoop,
      state: fold(jobLoopProjection, logs),
      storedIndex: phaseState?.job_index ?? null,
      inputJobName: inputJobNameOf(payload),
    }),
    notes: [
      ...(config === null ? [`${CONFIG_FILE} not found; the orchestrator's defaults apply`] : []),
      ...stepFiles.flatMap((f) => (f.problem === null ? [] : [`step log not folded: ${f.problem}`])),
      ...notesOf(state, 'phase_state.json unreadable'),
      ...notesOf(input, 'job_input.json is not a JSON object, so no payload'),
      ...notesOf(result, 'job_result.json does not match its contract'),
      ...notesOf(previous, 'previous phase_summary.json unreadable, skipped_steps not carried over'),
    ],
  };
};

/** The payload as a step log stores it, or null. */
export const storedPayloadOf = (f: TosFacts): string | null =>
  f.jobInput.payload === null ? null : storedPayload(f.jobInput.payload).text;
