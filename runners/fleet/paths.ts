// Where the fleet's artifacts live under a repo (the reference's layout under
// .superloop/ops-manager/fleet/), each overridable by the reference's flag, and where opsfold keeps
// its own fleet state (fold checkpoints) under .opsfold/fleet/.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { required, str, type Flag, type Values } from '../cli/command.js';
import { CliError } from '../cli/errors.js';

export interface FleetPaths {
  readonly repo: string;
  readonly registryFile: string;
  readonly stateFile: string;
  readonly policyStateFile: string;
  readonly handoffStateFile: string;
  readonly reconcileTelemetryFile: string;
  readonly policyTelemetryFile: string;
  readonly policyHistoryFile: string;
  readonly governanceAuditFile: string;
  readonly handoffTelemetryFile: string;
  readonly opsfoldDir: string;
  readonly stateDir: string | undefined;
}

const FILE_FLAGS = {
  registryFile: ['registry-file', 'registry.v1.json'],
  stateFile: ['fleet-state-file', 'state.json'],
  policyStateFile: ['policy-state-file', 'policy-state.json'],
  handoffStateFile: ['handoff-state-file', 'handoff-state.json'],
  reconcileTelemetryFile: ['fleet-telemetry-file', 'telemetry/reconcile.jsonl'],
  policyTelemetryFile: ['policy-telemetry-file', 'telemetry/policy.jsonl'],
  policyHistoryFile: ['policy-history-file', 'telemetry/policy-history.jsonl'],
  governanceAuditFile: ['governance-audit-file', 'telemetry/policy-governance.jsonl'],
  handoffTelemetryFile: ['handoff-telemetry-file', 'telemetry/handoff.jsonl'],
} as const;

type FileKey = keyof typeof FILE_FLAGS;

/** The --<file> flag of an artifact, with the reference's help text. */
export const fileFlag = (key: FileKey, what: string): Record<string, Flag> => {
  const [flag, rel] = FILE_FLAGS[key];
  return {
    [flag]: {
      type: 'string',
      arg: 'path',
      help: `${what}. Default: <repo>/.superloop/ops-manager/fleet/${rel}`,
    },
  };
};

/** Resolves the repo (which must exist) and every fleet artifact path. */
export const fleetPaths = (cwd: string, v: Values): FleetPaths => {
  const repo = resolve(cwd, required(v, 'repo'));
  if (!existsSync(repo)) throw new CliError(`repository not found: ${repo}`);
  const fleetDir = join(repo, '.superloop', 'ops-manager', 'fleet');
  const files = Object.fromEntries(
    Object.entries(FILE_FLAGS).map(([key, [flag, rel]]) => {
      const given = str(v, flag);
      return [key, given === undefined || given === '' ? join(fleetDir, rel) : resolve(cwd, given)];
    }),
  ) as Record<FileKey, string>;
  const stateDir = str(v, 'state-dir');
  const opsfoldDir = join(stateDir === undefined ? join(repo, '.opsfold') : resolve(cwd, stateDir), 'fleet');
  return { repo, ...files, opsfoldDir, stateDir };
};

/** The fleet's mutation lock target: a second reconcile/policy/handoff run fails fast (exit 75). */
export const fleetLockTarget = (p: FleetPaths, what: 'reconcile' | 'policy' | 'handoff'): string =>
  join(p.opsfoldDir, what);
