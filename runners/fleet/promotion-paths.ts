// Where promotion reads and writes, under <repo>/.superloop/ops-manager/fleet/ unless a flag names a file.
// Each location keeps the text the operator gave (printed in `source` and in the CI summary, as the
// reference prints it) beside the absolute path that is read or written.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { str, type Io, type Values } from '../cli/command.js';
import { CliError } from '../cli/errors.js';

export interface Loc {
  /** As given on the command line, or the absolute default. */
  readonly shown: string;
  /** Absolute. */
  readonly file: string;
}

export interface PromotionPaths {
  readonly repo: string;
  readonly registry: Loc;
  readonly fleetState: Loc;
  readonly policyState: Loc;
  readonly handoffState: Loc;
  readonly policyTelemetry: Loc;
  readonly fleetStatus: Loc | null;
  readonly handoffTelemetry: Loc;
  readonly drillState: Loc;
  readonly promotionState: Loc;
  readonly promotionTelemetry: Loc;
  readonly ciSummary: Loc;
  readonly ciResult: Loc;
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The repo as an absolute path; a missing repo directory is an error (exit 1). */
export const repoOf = (io: Io, repoArg: string): string => {
  const repo = resolve(io.cwd, repoArg);
  if (!isDirectory(repo)) throw new CliError(`repo directory not found: ${repoArg}`);
  return repo;
};

/** Resolves every promotion path from the flags (an empty flag value means the default, as in the reference). */
export const promotionPaths = (v: Values, io: Io, repo: string): PromotionPaths => {
  const fleet = join(repo, '.superloop', 'ops-manager', 'fleet');
  const loc = (flag: string | null, ...rel: string[]): Loc => {
    const given = flag === null ? undefined : str(v, flag);
    if (given !== undefined && given !== '') return { shown: given, file: resolve(io.cwd, given) };
    const file = join(fleet, ...rel);
    return { shown: file, file };
  };
  const statusGiven = str(v, 'fleet-status-file');
  return {
    repo,
    registry: loc(null, 'registry.v1.json'),
    fleetState: loc(null, 'state.json'),
    policyState: loc(null, 'policy-state.json'),
    handoffState: loc(null, 'handoff-state.json'),
    policyTelemetry: loc('policy-telemetry-file', 'telemetry', 'policy.jsonl'),
    fleetStatus:
      statusGiven === undefined || statusGiven === ''
        ? null
        : { shown: statusGiven, file: resolve(io.cwd, statusGiven) },
    handoffTelemetry: loc('handoff-telemetry-file', 'telemetry', 'handoff.jsonl'),
    drillState: loc('drill-state-file', 'drills', 'promotion.v1.json'),
    promotionState: loc('promotion-state-file', 'promotion-state.json'),
    promotionTelemetry: loc('promotion-telemetry-file', 'telemetry', 'promotion.jsonl'),
    ciSummary: loc('summary-file', 'promotion-ci-summary.md'),
    ciResult: loc('result-file', 'promotion-ci-result.json'),
  };
};
