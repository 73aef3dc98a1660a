// Where the fleet's artifacts live: the reference's layout under <repo>/.superloop/ops-manager/fleet/,
// each overridable by the reference's flag. Pure: the runner joins the paths.

/** Each artifact: the flag that names it and its path relative to the fleet directory. */
export const FLEET_FILES = {
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

export type FleetFileKey = keyof typeof FLEET_FILES;

/** Every artifact's absolute path, the repo, and opsfold's own fleet state directory. */
export type FleetPaths = Readonly<Record<FleetFileKey, string>> & {
  readonly repo: string;
  readonly opsfoldDir: string;
  readonly stateDir: string | undefined;
  /** The paths the operator named by flag (read without confinement to the repo). */
  readonly named: ReadonlySet<string>;
};

/** The --<file> flag of an artifact, with the reference's help text. */
export const fileFlagOf = (key: FleetFileKey, what: string) => {
  const [flag, rel] = FLEET_FILES[key];
  const help = `${what}. Default: <repo>/.superloop/ops-manager/fleet/${rel}`;
  return { [flag]: { type: 'string' as const, arg: 'path', help } };
};

/** The files `fleet status` points the operator at, under the reference's names. */
export const statusFilesOf = (p: FleetPaths) => ({
  registryFile: p.registryFile,
  fleetStateFile: p.stateFile,
  policyStateFile: p.policyStateFile,
  fleetTelemetryFile: p.reconcileTelemetryFile,
  handoffStateFile: p.handoffStateFile,
  handoffTelemetryFile: p.handoffTelemetryFile,
});
