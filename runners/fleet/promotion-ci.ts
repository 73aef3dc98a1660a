// opsfold fleet promotion-ci: the promotion gates for a CI job. Writes the decision as a result JSON
// (promote | hold | skipped) and a markdown job summary (also appended to $GITHUB_STEP_SUMMARY when set);
// with --skip-on-missing-evidence a repo without handoff telemetry or drill evidence is `skipped` (exit
// 0) instead of held. Reference: scripts/ops-manager-promotion-ci.sh.
import { existsSync, promises as fsp } from 'node:fs';
import { stableJson } from '../../lib/core/stable-json.js';
import { ciDecided, ciSkipped, type CiOutput } from '../../lib/fleet/promotion-ci.js';
import { ciFilesOf } from '../../lib/fleet/promotion-layout.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { asOfOf } from '../cli/clock.js';
import { EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { applyFleetEffects } from './edge.js';
import { evaluatePromotion, persistPromotion } from './promotion-evaluate.js';
import { evaluationFlags, thresholdsOf } from './promotion-flags.js';
import { promotionPaths, repoOf, type PromotionPaths } from './promotion-paths.js';

/** Evidence files whose absence makes a run skippable, in the reference's order. */
const missingEvidence = (p: PromotionPaths): string[] =>
  [p.fleetStatus, p.handoffTelemetry, p.drillState].flatMap((loc) =>
    loc !== null && !existsSync(loc.file) ? [loc.shown] : [],
  );

/** Writes the result and the summary (and appends it to $GITHUB_STEP_SUMMARY), then prints the result. */
const publish = async (v: Values, io: Io, p: PromotionPaths, out: CiOutput): Promise<void> => {
  await applyFleetEffects(p, [
    { kind: 'text', path: p.ciResult.file, text: stableJson(out.result, false) },
    { kind: 'text', path: p.ciSummary.file, text: out.markdown },
  ]);
  const stepSummary = io.env['GITHUB_STEP_SUMMARY'];
  if (stepSummary !== undefined && stepSummary !== '') await fsp.appendFile(stepSummary, out.markdown);
  await writeOut(io.stdout, stableJson(out.result, v['pretty'] === true));
};

export const fleetPromotionCi: Command = {
  path: ['fleet', 'promotion-ci'],
  title: 'promotion gates for CI: result JSON (promote | hold | skipped) and a markdown job summary',
  usage: '--repo R [--skip-on-missing-evidence] [--summary-file F] [--result-file F] [--fail-on-hold] [...]',
  summary:
    'Run the promotion gates (recording promotion-state.json and promotion.jsonl as promotion-gates does), ' +
    'write the decision to the result file and a markdown summary for a CI job, append the summary to ' +
    '$GITHUB_STEP_SUMMARY when it is set, and print the result.',
  flags: {
    ...evaluationFlags,
    'summary-file': {
      type: 'string',
      arg: 'path',
      help: 'Markdown summary output. Default: fleet/promotion-ci-summary.md',
    },
    'result-file': {
      type: 'string',
      arg: 'path',
      help: 'Result JSON output. Default: fleet/promotion-ci-result.json',
    },
    'skip-on-missing-evidence': {
      type: 'boolean',
      help: 'When handoff telemetry, drill evidence or a named --fleet-status-file is missing: decide skipped, exit 0.',
    },
  },
  exits: {
    [EXIT.ok]: 'result written: promote, skipped, or hold without --fail-on-hold',
    [EXIT.error]: 'the gates could not be evaluated (see promotion-gates); no result or summary is written',
    [EXIT.gate]: 'the decision is hold and --fail-on-hold was given (result and summary are written)',
    [EXIT.usage]: 'usage error: unknown flag, missing --repo, a threshold out of range, bad --as-of',
  },
  notes: [
    'Paths in the markdown summary are code spans that render literally (the reference escapes its',
    'backticks, so a renderer shows them and reads `_` or `*` in a path as emphasis).',
  ],
  async run(v, _pos, io) {
    const repoArg = str(v, 'repo');
    const thresholds = thresholdsOf(v);
    const paths = promotionPaths(v, io, repoOf(io, repoArg));
    const missing = missingEvidence(paths);
    if (v['skip-on-missing-evidence'] === true && missing.length > 0) {
      await publish(v, io, paths, ciSkipped(asOfOf(v, io).iso, paths.repo, missing));
      return EXIT.ok;
    }
    const doc = await evaluatePromotion(v, io, paths, thresholds);
    await persistPromotion(paths, doc);
    await publish(v, io, paths, ciDecided(doc, ciFilesOf(paths)));
    return v['fail-on-hold'] === true && doc.summary.decision === 'hold' ? EXIT.gate : EXIT.ok;
  },
};
