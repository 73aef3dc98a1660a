// Where alert dispatch reads and writes. The reference's files keep their paths (and, in state and
// telemetry, the paths as the operator wrote them); opsfold's ledger and its checkpoint live under
// <repo>/.opsfold/loop/<loop>/ (or --state-dir).
import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkLoopId } from '../cli/loop-paths.js';
import { CliError } from '../cli/errors.js';

/** A file as shown in outputs (as given, or the absolute default) and as opened. */
export interface Place {
  readonly shown: string;
  readonly abs: string;
}

export interface AlertPaths {
  readonly repo: string;
  readonly loopId: string;
  readonly escalations: Place;
  readonly state: Place;
  readonly telemetry: Place;
  /** opsfold's state dir (--state-dir, else <repo>/.opsfold). */
  readonly stateRoot: string;
  readonly ledger: string;
  readonly ledgerCheckpoint: string;
}

export interface PathOptions {
  readonly cwd: string;
  readonly repo: string;
  readonly loopId: string;
  readonly escalationsFile?: string;
  readonly stateFile?: string;
  readonly telemetryFile?: string;
  readonly stateDir?: string;
}

const place = (cwd: string, given: string | undefined, fallback: string): Place =>
  given === undefined || given === ''
    ? { shown: fallback, abs: fallback }
    : { shown: given, abs: resolve(cwd, given) };

/** Resolves every path of one loop's dispatch; the repo must be an existing directory. */
export const alertPaths = async (o: PathOptions): Promise<AlertPaths> => {
  const loopId = checkLoopId(o.loopId);
  const repo = resolve(o.cwd, o.repo);
  if ((await fsp.stat(repo).catch(() => null))?.isDirectory() !== true)
    throw new CliError(`repo directory not found: ${o.repo}`);
  const ops = join(repo, '.superloop', 'ops-manager', loopId);
  const stateRoot = o.stateDir === undefined ? join(repo, '.opsfold') : resolve(o.cwd, o.stateDir);
  const own = join(stateRoot, 'loop', loopId);
  return {
    repo,
    loopId,
    escalations: place(o.cwd, o.escalationsFile, join(ops, 'escalations.jsonl')),
    state: place(o.cwd, o.stateFile, join(ops, 'alert-dispatch-state.json')),
    telemetry: place(o.cwd, o.telemetryFile, join(ops, 'telemetry', 'alerts.jsonl')),
    stateRoot,
    ledger: join(own, 'alert-deliveries.jsonl'),
    ledgerCheckpoint: join(own, 'alert-deliveries.checkpoint.json'),
  };
};
