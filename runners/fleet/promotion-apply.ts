// opsfold fleet promotion-apply: applies a promotion decision to the fleet registry (expand the canary,
// resume, or roll back with a manual pause) under governance metadata, records the apply state and
// appends one telemetry line. A repeated --idempotency-key replays the first result without mutating.
// Reference: scripts/ops-manager-promotion-apply.sh.
import * as E from 'fp-ts/lib/Either.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { decideApply, type ApplyRequest } from '../../lib/fleet/promotion-apply.js';
import { parseApplyIntent, parseExpandStep } from '../../lib/fleet/promotion-apply-request.js';
import { required, str, type Command, type Values } from '../cli/command.js';
import { asOfOf } from '../cli/clock.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { applyFleetEffects } from './edge.js';
import { fleetTraceOf } from './common.js';
import { governanceFlags } from './governance-flags.js';
import { applyPaths, type ApplyPaths } from './promotion-apply-paths.js';
import { gatherApply } from './promotion-apply-gather.js';
import { promotionApplyFlags } from './promotion-apply-flags.js';

const orUsage = <A>(e: E.Either<string, A>): A => {
  if (E.isLeft(e)) throw usageError(e.left);
  return e.right;
};

const optional = (v: Values, flag: string): string | null => str(v, flag) || null;

/** The request from the flags, checked in the reference's order (usage errors, exit 64). */
const requestOf = (v: Values, p: ApplyPaths, traceId: string): ApplyRequest => {
  const intent = orUsage(parseApplyIntent(str(v, 'intent')));
  const expandStep = orUsage(parseExpandStep(str(v, 'expand-step')));
  const { missing } = governanceFlags(v);
  if (missing !== null) throw usageError(`--${missing} is required`);
  const refs = v['evidence-ref'];
  return {
    intent,
    expandStep,
    idempotencyKey: optional(v, 'idempotency-key'),
    traceId,
    loopId: optional(v, 'loop-id'),
    horizonRef: optional(v, 'horizon-ref'),
    evidenceRefs: Array.isArray(refs) ? refs : [],
    actor: required(v, 'by'),
    approvalRef: required(v, 'approval-ref'),
    rationale: required(v, 'rationale'),
    reviewBy: required(v, 'review-by'),
    files: {
      registryFile: p.registry.shown,
      promotionStateFile: p.promotionState.shown,
      applyStateFile: p.applyState.shown,
      applyTelemetryFile: p.applyTelemetry.shown,
    },
  };
};

export const fleetPromotionApply: Command = {
  path: ['fleet', 'promotion-apply'],
  title: 'apply a promotion decision to the fleet registry (expand | resume | rollback), idempotent per key',
  usage:
    '--repo R --intent <expand|resume|rollback> --by A --approval-ref ID --rationale T --review-by TIME [...]',
  summary:
    'Mutate the fleet rollout as the promotion decision allows (expand widens canaryPercent by --expand-step, ' +
    'capped at 100, and clears the manual pause; resume clears it; rollback sets it and is allowed on any ' +
    'decision), stamp the governance block, rewrite the registry atomically, write the apply state and append ' +
    'one telemetry line. The registry must be valid and in guarded_auto mode.',
  flags: promotionApplyFlags,
  exits: {
    [EXIT.ok]: 'applied, or replayed (the idempotency key was applied before; nothing is mutated)',
    [EXIT.error]:
      'the decision does not allow the intent, the registry is missing, invalid or not guarded_auto, ' +
      'review-by is not in the future, or a file is unreadable',
    [EXIT.usage]:
      'usage error: unknown flag, missing --repo or governance flag, bad --intent or --expand-step',
  },
  async run(v, _pos, io) {
    if ((str(v, 'repo') ?? '') === '') throw usageError('--repo is required');
    const p = applyPaths(v, io);
    const request = requestOf(v, p, fleetTraceOf(v, io));
    const gathered = await gatherApply(p, request.idempotencyKey);
    const targets = {
      registry: p.registry.file,
      applyState: p.applyState.file,
      applyTelemetry: p.applyTelemetry.file,
    };
    const plan = decideApply(request, gathered.facts, targets, asOfOf(v, io));
    if (E.isLeft(plan)) throw new CliError(plan.left.errorLine, plan.left.details);
    for (const phase of plan.right.phases) await applyFleetEffects(p, phase);
    await applyFleetEffects(p, gathered.checkpoint);
    await writeOut(io.stdout, stableJson(plan.right.result, v['pretty'] === true));
    return EXIT.ok;
  },
};
