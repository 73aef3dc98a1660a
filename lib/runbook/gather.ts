// Reads everything a TOS root holds that the runbook commands decide on, through ports over the edge
// (a Store confined to the root): the config (with the orchestrator's defaults), the step logs in
// file-name order, phase_state.json, job_input.json, job_result.json and the previous
// phase_summary.json. Each is decoded once by its codec; nothing here writes.
import type * as t from 'io-ts';
import { JobInput, JobResult, PhaseState, StepLog, TosConfig } from './codecs.js';
import { configRefusals } from './config-keys.js';
import { RunbookError } from './runbook-error.js';
import { settingsOf, type TosSettings } from './settings.js';
import { PreviousPhaseSummary } from './summary-codecs.js';
import { CONFIG_FILE, tosFactsOf, type TosDoc, type TosFacts, type TosPaths } from './tos-facts.js';

export interface TosPorts {
  /** Reads a document of the root decoded by `codec` (UTF-8 or UTF-16); a problem names `shownAs`. */
  read<A>(path: string, shownAs: string, codec: t.Type<A, unknown, unknown>): Promise<TosDoc<A>>;
  /** The step log file names of a directory (`step_*.json`), in the orchestrator's order. */
  stepNames(dir: string): Promise<readonly string[]>;
  /** node's path.resolve. */
  resolve(...segments: string[]): string;
}

/** Where each file of a root lives under the given settings (paths in the config are root-relative). */
export const tosPaths = (resolve: TosPorts['resolve'], root: string, s: TosSettings): TosPaths => ({
  root,
  config: resolve(root, CONFIG_FILE),
  stepsDir: resolve(root, s.logsDir, 'steps'),
  phaseSummary: resolve(root, s.logsDir, 'phase_summary.json'),
  phaseState: resolve(root, s.workspaceDir, 'artifacts', 'phase_state.json'),
  jobInput: resolve(root, s.jobLoop.inputPath),
  jobResult: resolve(root, s.jobLoop.resultPath),
});

/**
 * Pure: the config read, or null when there is none. An unreadable one, or one with a key or mode the
 * runbook does not document (config-keys.ts), is a RunbookError naming the first such key.
 */
export const configOf = (doc: TosDoc<TosConfig>, shownAs: string): TosConfig | null => {
  if (doc.kind === 'problem') throw new RunbookError(`invalid config: ${shownAs}`, [doc.detail]);
  if (doc.kind === 'missing') return null;
  const refused = configRefusals(doc.value);
  const first = refused[0];
  if (first !== undefined)
    throw new RunbookError(`${shownAs}: ${first.key}: ${first.why}`, [
      ...refused.slice(1).map((r) => `also ${r.key}: ${r.why}`),
      'the runbook forbids settings it does not document; remove the key (or fix the mode) and run again',
    ]);
  return doc.value;
};

/** The root's config, or null when it has none; an unreadable one is a RunbookError. */
export const readRootConfig = async (ports: TosPorts): Promise<TosConfig | null> =>
  configOf(await ports.read(CONFIG_FILE, CONFIG_FILE, TosConfig), CONFIG_FILE);

const readSteps = async (ports: TosPorts, dir: string) => {
  const out = [];
  for (const name of await ports.stepNames(dir)) {
    const path = ports.resolve(dir, name);
    const doc = await ports.read(path, name, StepLog);
    if (doc.kind === 'found') out.push({ name, path, log: doc.value, problem: null });
    if (doc.kind === 'problem') out.push({ name, path, log: null, problem: doc.detail });
  }
  return out;
};

/** Reads every file of the root; folds the step logs and the job loop. */
export const gatherTos = async (ports: TosPorts, root: string): Promise<TosFacts> => {
  const config = await readRootConfig(ports);
  const settings = settingsOf(config);
  const paths = tosPaths(ports.resolve, root, settings);
  return tosFactsOf({
    paths,
    settings,
    configFound: config !== null,
    stepFiles: await readSteps(ports, paths.stepsDir),
    phaseState: await ports.read(paths.phaseState, 'phase_state.json', PhaseState),
    jobInput: await ports.read(paths.jobInput, 'job_input.json', JobInput),
    jobResult: await ports.read(paths.jobResult, 'job_result.json', JobResult),
    previous: await ports.read(paths.phaseSummary, 'phase_summary.json', PreviousPhaseSummary),
  });
};
