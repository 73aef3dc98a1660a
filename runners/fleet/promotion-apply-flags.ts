// The flags of `fleet promotion-apply`, with the reference's names.
import type { Flag } from '../cli/command.js';
import { TIME_ARG } from '../cli/clock.js';
import { baseFlags } from './common.js';
import { fileFlag } from './paths.js';
import { applyFileFlags } from './promotion-apply-paths.js';

const value = (arg: string, help: string): Flag => ({ type: 'string', arg, help });

export const promotionApplyFlags: Record<string, Flag> = {
  ...baseFlags,
  ...fileFlag('registryFile', 'Fleet registry JSON'),
  ...applyFileFlags,
  intent: value('expand|resume|rollback', 'Mutation intent (required).'),
  'expand-step': value('n', 'Canary percentage added by intent expand, 1..100. Default: 25'),
  'idempotency-key': value('key', 'A key applied before replays its result without mutating.'),
  'trace-id': value('id', 'Apply trace id. Default: $OPS_MANAGER_TRACE_ID, else a generated id.'),
  'loop-id': value('id', 'Loop identifier for seam tracking.'),
  'horizon-ref': value('id', 'Horizon reference for seam tracking.'),
  'evidence-ref': { ...value('ref', 'Evidence reference; may be repeated.'), multiple: true },
  by: value('actor', 'Governance actor making the change (required).'),
  'approval-ref': value('id', 'Governance approval or change reference (required).'),
  rationale: value('text', 'Governance rationale (required).'),
  'review-by': value(TIME_ARG, 'Governance review deadline, after --as-of (required).'),
};
