// Reads everything a TOS root holds that the runbook commands decide on, through a Store confined to
// the root: the config (with the orchestrator's defaults), the step logs in file-name order,
// phase_state.json, job_input.json, job_result.json and the previous phase_summary.json. Each is
// decoded once by its codec; UTF-16 from PowerShell is read too. Nothing here writes.
import { promises as fsp, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as t from 'io-ts';
import { describeProblem } from '../../lib/io/document.js';
import { fileStore, readDocument, type DocRead, type Store } from '../../lib/io/store.js';
import { JobInput, JobResult, PhaseState, StepLog, TosConfig } from '../../lib/runbook/codecs.js';
import { settingsOf, type TosSettings } from '../../lib/runbook/settings.js';
import { PreviousPhaseSummary } from '../../lib/runbook/summary-codecs.js';
import {
  CONFIG_FILE,
  tosFactsOf,
  type TosDoc,
  type TosFacts,
  type TosPaths,
} from '../../lib/runbook/tos-facts.js';
import { CliError } from '../cli/errors.js';

const STEP_FILE = /^step_.*\.json$/;

/** Where each file of a root lives under the given settings (paths in the config are root-relative). */
export const tosPaths = (root: string, s: TosSettings): TosPaths => ({
  root,
  config: join(root, CONFIG_FILE),
  stepsDir: resolve(root, s.logsDir, 'steps'),
  phaseSummary: resolve(root, s.logsDir, 'phase_summary.json'),
  phaseState: resolve(root, s.workspaceDir, 'artifacts', 'phase_state.json'),
  jobInput: resolve(root, s.jobLoop.inputPath),
  jobResult: resolve(root, s.jobLoop.resultPath),
});

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

const docOf = <A>(got: DocRead<A>, shownAs: string): TosDoc<A> => {
  if (got.kind === 'problem')
    return { kind: 'problem', detail: describeProblem(shownAs, got.problem), bytes: got.bytes };
  return got.kind === 'found' ? { kind: 'found', value: got.value, bytes: got.bytes } : got;
};

const read = async <A>(store: Store, file: string, shownAs: string, codec: t.Type<A, unknown, unknown>) =>
  docOf(await store.read(file, codec, { encoding: 'detect' }), shownAs);

const configOf = (doc: TosDoc<TosConfig>, shownAs: string): TosConfig | null => {
  if (doc.kind === 'problem') throw new CliError(`invalid config: ${shownAs}`, [doc.detail]);
  return doc.kind === 'found' ? doc.value : null;
};

/** A config the operator named (anywhere), or null when there is none; an unreadable one fails (exit 1). */
export const readNamedConfig = async (file: string, shownAs: string): Promise<TosConfig | null> =>
  configOf(docOf(await readDocument(file, TosConfig, { encoding: 'detect' }), shownAs), shownAs);

/** The root's config, or null when it has none; an unreadable one fails (exit 1). */
export const readRootConfig = async (store: Store): Promise<TosConfig | null> =>
  configOf(await read(store, CONFIG_FILE, CONFIG_FILE, TosConfig), CONFIG_FILE);

/** The step log file names of a directory, sorted by code unit as the orchestrator names them. */
export const stepNames = async (dir: string): Promise<string[]> =>
  (await fsp.readdir(dir).catch(() => [] as string[]))
    .filter((n) => STEP_FILE.test(n))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const readSteps = async (store: Store, dir: string) => {
  const out = [];
  for (const name of await stepNames(dir)) {
    const path = join(dir, name);
    const doc = await read(store, path, name, StepLog);
    if (doc.kind === 'found') out.push({ name, path, log: doc.value, problem: null });
    if (doc.kind === 'problem') out.push({ name, path, log: null, problem: doc.detail });
  }
  return out;
};

/** Reads every file of the root (confined to it); folds the step logs and the job loop. */
export const gatherTos = async (root: string): Promise<TosFacts> => {
  const store = fileStore(root);
  const config = await readRootConfig(store);
  const settings = settingsOf(config);
  const paths = tosPaths(root, settings);
  return tosFactsOf({
    paths,
    settings,
    configFound: config !== null,
    stepFiles: await readSteps(store, paths.stepsDir),
    phaseState: await read(store, paths.phaseState, 'phase_state.json', PhaseState),
    jobInput: await read(store, paths.jobInput, 'job_input.json', JobInput),
    jobResult: await read(store, paths.jobResult, 'job_result.json', JobResult),
    previous: await read(store, paths.phaseSummary, 'phase_summary.json', PreviousPhaseSummary),
  });
};
