// Where alert dispatch reads and writes. The reference's files keep their paths (and, in state and
// telemetry, the paths as the operator wrote them); opsfold's ledger and its checkpoint live under
// <repo>/.opsfold/loop/<loop>/ (or --state-dir), the checkpoint kept by the state dir's CheckpointStore.
import type { Edge } from '../io/node-edge.js';
import { isLoopIdSegment } from '../loop/layout.js';
import { DispatchError } from './dispatch-error.js';

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
  /** The ledger checkpoint's key in the CheckpointStore under `stateRoot`. */
  readonly ledgerCheckpointKey: string;
}

export interface PathOptions {
  readonly cwd: string;
  readonly repo: string;
  readonly loopId: string;
  readonly escalationsFile?: string | undefined;
  readonly stateFile?: string | undefined;
  readonly telemetryFile?: string | undefined;
  readonly stateDir?: string | undefined;
}

/** Resolves every path of one loop's dispatch; the repo must be an existing directory. */
export const alertPaths = async (edge: Edge, o: PathOptions): Promise<AlertPaths> => {
  const { loopId } = o;
  if (!isLoopIdSegment(loopId))
    throw new DispatchError(
      `invalid loop id: ${JSON.stringify(loopId)}`,
      ['a loop id is one path segment: no "/", "\\" or ".."'],
      true,
    );
  const repo = edge.resolve(o.cwd, o.repo);
  if (!(await edge.isDirectory(repo))) throw new DispatchError(`repo directory not found: ${o.repo}`);
  const place = (given: string | undefined, fallback: string): Place =>
    given === undefined || given === ''
      ? { shown: fallback, abs: fallback }
      : { shown: given, abs: edge.resolve(o.cwd, given) };
  const ops = edge.resolve(repo, '.superloop', 'ops-manager', loopId);
  const stateRoot =
    o.stateDir === undefined ? edge.resolve(repo, '.opsfold') : edge.resolve(o.cwd, o.stateDir);
  const own = edge.resolve(stateRoot, 'loop', loopId);
  return {
    repo,
    loopId,
    escalations: place(o.escalationsFile, edge.resolve(ops, 'escalations.jsonl')),
    state: place(o.stateFile, edge.resolve(ops, 'alert-dispatch-state.json')),
    telemetry: place(o.telemetryFile, edge.resolve(ops, 'telemetry', 'alerts.jsonl')),
    stateRoot,
    ledger: edge.resolve(own, 'alert-deliveries.jsonl'),
    ledgerCheckpointKey: ['loop', loopId, 'alert-deliveries.checkpoint.json'].join('/'),
  };
};
