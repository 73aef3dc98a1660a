// Step 5's safety gates: may the selected ticket go to the worker, and under which mode. A pure decision
// over facts the runner gathered; every gate that says no is listed (blocked_by), the first is the reason.
//
//   1 GATE_BLOCKED         the gate file is invalid (config: the ticket stays OPEN)
//   2 GATE_BLOCKED         the type's rule has requires_real and the gate is not REAL
//   whenever something is executed for the ticket (REAL, or a worker command in any mode: opsfold
//   cannot know that a command honours OPSFOLD_EXECUTION_MODE):
//   3 ALLOWLIST_VIOLATION  no usable allowlist (config: the ticket stays OPEN)
//   4 ALLOWLIST_VIOLATION  the type is not in allowed_request_types
//   in REAL mode only:
//   5 WINDOW_NOT_ACTIVE    no window active for the type at asOf
//   6 PREFLIGHT_FAIL       a path the type's rule names (required_inputs, preflight_paths) is missing
// MOCK_ONLY and DRY_RUN through the built-in worker execute nothing and pass 3–6, as in the origin
// (the seed's table reads GATE_BLOCKED as "the gate is MOCK_ONLY"; the origin runs such tickets mocked).
//
// A ticket stopped by its own facts (2, 4, 5, 6) is recorded as the origin's worker records it: a
// BLOCKED receipt and a FAILED result, so it does not block the queue. A stop caused by the cycle's
// configuration (1, 3) records nothing: the ticket is not at fault and waits for the fix.
import type { ExecutionAllowlist } from './codecs-safety.js';
import type { GateMode, GateReason } from './reasons.js';
import { ruleOf } from './safety.js';

export interface GateFacts {
  readonly requestType: string;
  readonly mode: GateMode | null;
  readonly reportedMode: string;
  readonly gateProblem: string | null;
  readonly allowlist: ExecutionAllowlist | null;
  readonly allowlistProblem: string | null;
  /** Ids of the windows active for the request type at asOf. */
  readonly activeWindowIds: readonly string[];
  /** Preflight paths that do not exist (or leave the root), with why. */
  readonly preflightFailures: readonly string[];
  /**
   * False only when nothing is executed outside REAL (the built-in worker simulates); a worker command
   * runs whatever the mode, so the allowlist applies to it. Absent means true (the safe reading).
   */
  readonly executes?: boolean;
}

interface Block {
  readonly reason: GateReason;
  readonly detail: string;
  readonly config: boolean;
}

export interface GateVerdict {
  /** The mode the worker runs under, null when it must not run. */
  readonly runAs: GateMode | null;
  readonly blockedBy: readonly GateReason[];
  readonly detail: string | null;
  /** True when the block is the ticket's own (record BLOCKED receipt + FAILED result). */
  readonly recordBlock: boolean;
  /** The active window a REAL run uses (handed to the worker), null otherwise. */
  readonly windowId: string | null;
}

const allowlistBlocks = (f: GateFacts): Block[] => {
  if (f.allowlist === null)
    return [
      {
        reason: 'ALLOWLIST_VIOLATION',
        detail: `no usable allowlist (${f.allowlistProblem ?? 'missing'})`,
        config: true,
      },
    ];
  if (f.allowlist.allowed_request_types.includes(f.requestType)) return [];
  return [
    {
      reason: 'ALLOWLIST_VIOLATION',
      detail: `request_type '${f.requestType}' not allowed`,
      config: false,
    },
  ];
};

const realBlocks = (f: GateFacts): Block[] => {
  const blocks = allowlistBlocks(f);
  const type = f.requestType;
  if (f.activeWindowIds.length === 0)
    blocks.push({
      reason: 'WINDOW_NOT_ACTIVE',
      detail: `no real-enable window active for ${type}`,
      config: false,
    });
  if (f.preflightFailures.length > 0)
    blocks.push({
      reason: 'PREFLIGHT_FAIL',
      detail: `preflight: ${f.preflightFailures.join(', ')}`,
      config: false,
    });
  return blocks;
};

const blocksOf = (f: GateFacts): Block[] => {
  if (f.mode === null)
    return [
      {
        reason: 'GATE_BLOCKED',
        detail: `execution gate invalid: ${f.gateProblem ?? 'unknown'}`,
        config: true,
      },
    ];
  if (ruleOf(f.allowlist, f.requestType).requires_real === true && f.mode !== 'REAL')
    return [
      {
        reason: 'GATE_BLOCKED',
        detail: `${f.requestType} requires REAL execution; the gate is ${f.reportedMode}`,
        config: false,
      },
    ];
  if (f.mode === 'REAL') return realBlocks(f);
  return f.executes === false ? [] : allowlistBlocks(f);
};

/** Pure: the gates' verdict on one ticket. */
export const decideGates = (f: GateFacts): GateVerdict => {
  const blocks = blocksOf(f);
  const first = blocks[0];
  if (first === undefined)
    return {
      runAs: f.mode,
      blockedBy: [],
      detail: null,
      recordBlock: false,
      windowId: f.mode === 'REAL' ? (f.activeWindowIds[0] ?? null) : null,
    };
  return {
    runAs: null,
    blockedBy: blocks.map((b) => b.reason),
    detail: blocks.map((b) => `${b.reason}: ${b.detail}`).join('; '),
    recordBlock: !first.config,
    windowId: null,
  };
};
