// opsfold fleet promotion-gates: decides whether guarded autonomous mode may be promoted (promote | hold)
// from five gates over the fleet's folded telemetry, records the decision in promotion-state.json and
// appends it to promotion.jsonl, and prints it. Reference: scripts/ops-manager-promotion-gates.sh.
import { stableJson } from '../../lib/core/stable-json.js';
import { str, type Command } from '../cli/command.js';
import { EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { evaluatePromotion, persistPromotion } from './promotion-evaluate.js';
import { evaluationFlags, thresholdsOf } from './promotion-flags.js';
import { promotionPaths, repoOf } from './promotion-paths.js';

export const fleetPromotionGates: Command = {
  path: ['fleet', 'promotion-gates'],
  title: 'decide promote | hold for guarded autonomous mode from five reason-coded gates',
  usage: '--repo R [--window-executions N ...] [--fail-on-hold] [--as-of RFC3339] [--trace-id T] [--pretty]',
  summary:
    'Evaluate the five promotion gates (governance posture, autonomous outcome reliability over the last ' +
    'N autonomous handoff executions, manual backlog, safety/suppression stability, drill recency) and ' +
    'decide promote or hold with summary.failedGates and summary.reasonCodes. Writes ' +
    'fleet/promotion-state.json (atomically), appends fleet/telemetry/promotion.jsonl and prints the decision.',
  flags: evaluationFlags,
  exits: {
    [EXIT.ok]: 'decision printed (promote, or hold without --fail-on-hold)',
    [EXIT.error]:
      'repo, fleet state or registry missing; a fleet state/registry/status document is not valid JSON',
    [EXIT.gate]: 'the decision is hold and --fail-on-hold was given',
    [EXIT.usage]: 'usage error: unknown flag, missing --repo, a threshold out of range, bad --as-of',
  },
  notes: [
    'Missing or unparsable handoff telemetry and drill evidence are not errors: they hold the decision',
    'with promotion_handoff_telemetry_missing|invalid and promotion_drill_state_missing|invalid.',
    'Without --fleet-status-file the fleet status facts are derived from fleet/state.json, registry.v1.json,',
    'policy-state.json and handoff-state.json at --as-of, the way `fleet status` derives them.',
  ],
  async run(v, _pos, io) {
    const repoArg = str(v, 'repo');
    const thresholds = thresholdsOf(v);
    const paths = promotionPaths(v, io, repoOf(io, repoArg));
    const doc = await evaluatePromotion(v, io, paths, thresholds);
    await persistPromotion(paths, doc);
    await writeOut(io.stdout, stableJson(doc, v['pretty'] === true));
    return v['fail-on-hold'] === true && doc.summary.decision === 'hold' ? EXIT.gate : EXIT.ok;
  },
};
