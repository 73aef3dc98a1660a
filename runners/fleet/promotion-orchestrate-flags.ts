// The flags of `fleet promotion-orchestrate` (the reference's names), and the evaluation flags it
// forwards to the promotion CI step as given.
import type { Flag, Values } from '../cli/command.js';
import { asOfFlag, TIME_ARG } from '../cli/clock.js';
import { FORWARDED_EVALUATION_FLAGS, evaluationFlags } from './promotion-flags.js';

const value = (arg: string, help: string): Flag => ({ type: 'string', arg, help });
const file = (help: string): Flag => value('path', help);

/** Forwarded to the CI step, in the reference's order. */
const FORWARDED = [...FORWARDED_EVALUATION_FLAGS, 'skip-on-missing-evidence', 'fail-on-hold'] as const;

const forwardedFlags: Record<string, Flag> = Object.fromEntries(
  FORWARDED.map((name) => {
    const f: Flag =
      name === 'skip-on-missing-evidence'
        ? { type: 'boolean', help: 'Forwarded to the promotion CI step.' }
        : evaluationFlags[name];
    return [name, { ...f, help: `${f.help} (promotion CI step)` }];
  }),
);

export const orchestrateFlags: Record<string, Flag> = {
  repo: evaluationFlags.repo,
  mode: value('dry_run|apply|rollback', 'Orchestration mode (required).'),
  'apply-intent': value('expand|resume', 'Apply intent when mode is apply. Default: expand'),
  'expand-step': value('n', 'Expand step for apply intent expand, 1..100. Default: 25'),
  ...forwardedFlags,
  'promotion-ci-result-file': file('Promotion CI result JSON. Default: fleet/promotion-ci-result.json'),
  'promotion-ci-summary-file': file('Promotion CI markdown summary. Default: fleet/promotion-ci-summary.md'),
  'result-file': file('Orchestration result JSON. Default: fleet/promotion-orchestrate-result.json'),
  'summary-file': file('Orchestration markdown summary. Default: fleet/promotion-orchestrate-summary.md'),
  'idempotency-key': value('key', 'Forwarded to the apply step.'),
  'trace-id': value('id', 'Forwarded to the CI and apply steps.'),
  'loop-id': value('id', 'Loop identifier for seam tracking (forwarded to apply).'),
  'horizon-ref': value('id', 'Horizon reference for seam tracking (forwarded to apply).'),
  'evidence-ref': { ...value('ref', 'Evidence reference; may be repeated.'), multiple: true },
  by: value('actor', 'Governance actor (required for apply and rollback).'),
  'approval-ref': value('id', 'Governance approval reference (required for apply and rollback).'),
  rationale: value('text', 'Governance rationale (required for apply and rollback).'),
  'review-by': value(TIME_ARG, 'Governance review deadline (required for apply and rollback).'),
  'as-of': asOfFlag,
  pretty: { type: 'boolean', help: 'Pretty-print JSON output.' },
};

/** The CI step's evaluation flags, as the operator gave them. */
export const forwardedCiArgs = (v: Values): string[] =>
  FORWARDED.flatMap((name) => {
    const given = v[name];
    if (given === true) return [`--${name}`];
    return typeof given === 'string' && given !== '' ? [`--${name}`, given] : [];
  });
