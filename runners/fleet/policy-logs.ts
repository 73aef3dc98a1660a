// The three logs a policy run folds (each resumed from its opsfold checkpoint): candidate history
// (dedupe window, autonomous cooldown), handoff telemetry (auto-pause samples) and the governance
// audit trail (last snapshot; a broken seal fails closed; always folded from its first line).
import { governanceAuditProjection } from '../../lib/fleet/governance-audit.js';
import { handoffHistoryProjection } from '../../lib/fleet/handoff-history.js';
import type { FleetPaths } from '../../lib/fleet/layout.js';
import { policyHistoryProjection } from '../../lib/fleet/policy-history.js';
import { CliError } from '../cli/errors.js';
import { foldLog } from './logs.js';

/** Folds the policy's input logs; `effects` save their checkpoints (after the outputs are written). */
export const readPolicyLogs = async (p: FleetPaths, fromStart: boolean) => {
  const history = await foldLog(p, p.policyHistoryFile, policyHistoryProjection, {
    fromStart,
    errorLine: `invalid policy history JSONL: ${p.policyHistoryFile}`,
  });
  const handoff = await foldLog(p, p.handoffTelemetryFile, handoffHistoryProjection, {
    fromStart,
    errorLine: `invalid handoff telemetry JSONL: ${p.handoffTelemetryFile}`,
  });
  // The audit trail is re-verified from its first line on every run (one line per policy change, so
  // cheap): a resumed fold would trust lines an edit could have changed below its checkpoint.
  const audit = await foldLog(p, p.governanceAuditFile, governanceAuditProjection, {
    fromStart: true,
    errorLine: `invalid policy governance audit JSONL: ${p.governanceAuditFile}`,
  });
  const broken = audit.state.broken;
  if (broken !== null)
    throw new CliError(`policy governance audit trail is broken: ${p.governanceAuditFile}`, [
      `${p.governanceAuditFile}:${broken.line}: ${broken.reason}`,
      'the trail is append-only; restore the original lines (or move the file aside after review) and rerun',
    ]);
  const effects = [...history.effects, ...handoff.effects, ...audit.effects];
  return { history, handoff, audit, effects };
};
