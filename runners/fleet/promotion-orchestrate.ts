// opsfold fleet promotion-orchestrate: runs the promotion CI step, then (mode apply or rollback) the
// apply step on its decision, and records what happened: a result JSON, a markdown summary (also
// appended to $GITHUB_STEP_SUMMARY when set) and the printed result. The steps are opsfold's own
// commands, or the scripts named by OPS_MANAGER_PROMOTION_CI_SCRIPT / OPS_MANAGER_PROMOTION_APPLY_SCRIPT.
// Reference: scripts/ops-manager-promotion-orchestrate.sh.
import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { parseExpandStep } from '../../lib/fleet/promotion-apply-request.js';
import { ORCHESTRATE_MODES, type OrchestrateMode } from '../../lib/fleet/promotion-orchestrate-codecs.js';
import type { OrchestrateRequest } from '../../lib/fleet/promotion-orchestrate-steps.js';
import { runPromotionOrchestrate } from '../../lib/fleet/promotion-orchestrate.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { asOfOf } from '../cli/clock.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { applyFleetEffects } from './edge.js';
import { governanceFlags } from './governance-flags.js';
import { forwardedCiArgs, orchestrateFlags } from './promotion-orchestrate-flags.js';
import { orchestratePorts } from './promotion-orchestrate-ports.js';
import { repoOf } from './promotion-paths.js';

const DEFAULTS = {
  promotionCiResultFile: ['promotion-ci-result-file', 'promotion-ci-result.json'],
  promotionCiSummaryFile: ['promotion-ci-summary-file', 'promotion-ci-summary.md'],
  resultFile: ['result-file', 'promotion-orchestrate-result.json'],
  summaryFile: ['summary-file', 'promotion-orchestrate-summary.md'],
} as const;
type FileKey = keyof typeof DEFAULTS;

const optional = (v: Values, flag: string): string | null => str(v, flag) || null;

/** Mode, intent, step and governance, checked in the reference's order (usage errors, exit 64). */
const checkedFlags = (v: Values) => {
  const mode = str(v, 'mode') as OrchestrateMode;
  if (!ORCHESTRATE_MODES.includes(mode)) throw usageError('--mode must be one of dry_run, apply, rollback');
  const applyIntent = str(v, 'apply-intent') ?? 'expand';
  if (applyIntent !== 'expand' && applyIntent !== 'resume')
    throw usageError('--apply-intent must be one of expand, resume');
  const step = parseExpandStep(str(v, 'expand-step'));
  if (E.isLeft(step)) throw usageError(step.left);
  const { missing, governance } = governanceFlags(v);
  if (mode !== 'dry_run' && missing !== null) throw usageError(`--${missing} is required for mode ${mode}`);
  const checked = { mode, applyIntent, expandStep: step.right } as const;
  return { ...checked, governance: missing === null ? governance : null };
};

const requestOf = (
  v: Values,
  io: Io,
): { request: OrchestrateRequest; files: Record<FileKey, string>; named: Set<string> } => {
  const repoArg = str(v, 'repo');
  const checked = checkedFlags(v);
  const repo = repoOf(io, repoArg);
  const named = new Set<string>();
  const entries = Object.entries(DEFAULTS).map(([key, [flag, rel]]) => {
    const given = str(v, flag);
    if (given === undefined || given === '')
      return [key, join(repo, '.superloop', 'ops-manager', 'fleet', rel), null];
    named.add(resolve(io.cwd, given));
    return [key, given, resolve(io.cwd, given)];
  });
  const shown = Object.fromEntries(entries.map(([k, s]) => [k, s])) as Record<FileKey, string>;
  const files = Object.fromEntries(entries.map(([k, s, f]) => [k, f ?? s])) as Record<FileKey, string>;
  const refs = v['evidence-ref'];
  const request: OrchestrateRequest = {
    ...checked,
    repo,
    ciFlags: forwardedCiArgs(v),
    files: shown,
    idempotencyKey: optional(v, 'idempotency-key'),
    traceId: optional(v, 'trace-id'),
    loopId: optional(v, 'loop-id'),
    horizonRef: optional(v, 'horizon-ref'),
    evidenceRefs: Array.isArray(refs) ? refs : [],
  };
  return { request, files, named };
};

export const fleetPromotionOrchestrate: Command = {
  path: ['fleet', 'promotion-orchestrate'],
  title:
    'run promotion CI, then apply or roll back on its decision, and record the result (dry_run | apply | rollback)',
  usage:
    '--repo R --mode <dry_run|apply|rollback> [--apply-intent expand|resume] [--by A --approval-ref ID --rationale T --review-by TIME] [...]',
  summary:
    'Run the promotion CI step (evaluation flags forwarded), then for mode apply the apply step with ' +
    '--apply-intent, or for mode rollback the apply step with intent rollback, reading the CI result as the ' +
    'promotion state. Write the orchestration result JSON and a markdown summary (appended to ' +
    '$GITHUB_STEP_SUMMARY when set) and print the result. dry_run never applies.',
  flags: orchestrateFlags,
  exits: {
    [EXIT.ok]: 'orchestrated: preview (dry_run), applied or rolled_back',
    [EXIT.error]:
      'the CI result is missing or not JSON, the apply output is not JSON, or a step failed with 1',
    [EXIT.gate]:
      'the CI step held with --fail-on-hold (a step failing with another code exits with that code)',
    [EXIT.usage]: 'usage error: unknown flag, missing --repo or governance for apply/rollback, bad --mode',
  },
  notes: [
    'OPS_MANAGER_PROMOTION_CI_SCRIPT and OPS_MANAGER_PROMOTION_APPLY_SCRIPT replace the steps with scripts',
    "taking the reference's arguments; without them opsfold's own commands run in process (with --as-of).",
  ],
  async run(v, _pos, io) {
    const { request, files, named } = requestOf(v, io);
    const roots = { repo: request.repo, named };
    const ciResult = { file: files.promotionCiResultFile, shown: request.files.promotionCiResultFile };
    const ports = orchestratePorts(io, v, roots, ciResult);
    const targets = { resultFile: files.resultFile, summaryFile: files.summaryFile };
    const outcome = await runPromotionOrchestrate(request, ports, targets, asOfOf(v, io).iso);
    if (outcome.kind === 'refused') throw new CliError(outcome.errorLine, outcome.details);
    if (outcome.kind === 'step_failed') {
      if (outcome.out !== '') io.stderr.write(outcome.out.endsWith('\n') ? outcome.out : `${outcome.out}\n`);
      return outcome.code;
    }
    await applyFleetEffects(roots, outcome.effects);
    const stepSummary = io.env['GITHUB_STEP_SUMMARY'];
    if (stepSummary !== undefined && stepSummary !== '') await fsp.appendFile(stepSummary, outcome.markdown);
    await writeOut(io.stdout, stableJson(outcome.result, v['pretty'] === true));
    return EXIT.ok;
  },
};
