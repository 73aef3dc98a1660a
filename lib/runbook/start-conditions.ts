// The S-6 start conditions (seed 003, "S-6 運用開始条件": to start S-6 stable operation, the following must
// hold), each checked with the reason it fails:
//   1 S-5 closeout is complete        docs/s5_closeout.md exists, every box in it and in
//                                     docs/s5_closeout_checklist.md (when present) is checked
//   2 canonical context v1.0          config_v0_3.json holds no undocumented key or mode (config-keys.ts)
//   3 the runbook's rules understood  a person's: not checked, listed as such
//   4 API keys set                    OPENAI_API_KEY and ANTHROPIC_API_KEY present (non-empty)
//   5 a checkpoint before the run     logs/last_checkpoint.txt names a commit of the root's repository
// Pure: the runner hands in what it found; key values never enter here, only whether they are set.
import { decodeText } from '../core/text.js';
import type { ConfigRefusal } from './config-keys.js';

export const CLOSEOUT = 'docs/s5_closeout.md';
export const CLOSEOUT_CHECKLIST = 'docs/s5_closeout_checklist.md';
export const API_KEYS = ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY'] as const;

export type ConditionId = 's5_closeout' | 'canonical_context' | 'api_keys' | 'checkpoint';

export interface StartFacts {
  /** The closeout declaration's and checklist's bytes, null when missing. */
  readonly closeout: Uint8Array | null;
  readonly checklist: Uint8Array | null;
  /** Why the config is not canonical (none when it is, or when there is no config). */
  readonly configRefusals: readonly ConfigRefusal[];
  /** Which API key variables are set (non-empty). */
  readonly keysSet: readonly string[];
  /** logs/last_checkpoint.txt's bytes, null when missing. */
  readonly checkpoint: Uint8Array | null;
  /** Whether the checkpoint's hash is a commit of the root's repository; null when it could not be asked. */
  readonly checkpointIsCommit: boolean | null;
}

export interface StartCondition {
  readonly id: ConditionId;
  readonly met: boolean;
  /** Why it is not met; null when it is. */
  readonly reason: string | null;
}

export interface StartReadiness {
  readonly ready: boolean;
  readonly conditions: readonly StartCondition[];
  /** Conditions no program can check (the seed's 3: the operator has understood the runbook). */
  readonly unchecked: readonly string[];
}

const unchecked = (bytes: Uint8Array): string[] =>
  decodeText(bytes)
    .text.split(/\r?\n/)
    .filter((l) => /^\s*[-*] \[ \]/.test(l))
    .map((l) => l.replace(/^\s*[-*] \[ \]\s*/, '').trim());

const boxesReason = (file: string, bytes: Uint8Array | null): string | null => {
  if (bytes === null) return null;
  const open = unchecked(bytes);
  if (open.length === 0) return null;
  return `${file}: ${open.length} unchecked item(s), first: ${open[0] ?? ''}`;
};

const closeoutReason = (f: StartFacts): string | null => {
  if (f.closeout === null) return `${CLOSEOUT} not found (S-5 closeout not declared)`;
  return boxesReason(CLOSEOUT, f.closeout) ?? boxesReason(CLOSEOUT_CHECKLIST, f.checklist);
};

const keysReason = (f: StartFacts): string | null => {
  const missing = API_KEYS.filter((k) => !f.keysSet.includes(k));
  return missing.length === 0 ? null : `not set in the environment: ${missing.join(', ')}`;
};

/** Pure: the hash logs/last_checkpoint.txt names (its first line), or null. */
export const checkpointHashOf = (bytes: Uint8Array | null): string | null => {
  const first = bytes === null ? '' : (decodeText(bytes).text.split(/\r?\n/)[0] ?? '').trim();
  return first === '' ? null : first;
};

const checkpointReason = (f: StartFacts): string | null => {
  const hash = checkpointHashOf(f.checkpoint);
  if (hash === null) return 'logs/last_checkpoint.txt not found or empty (run `runbook checkpoint` first)';
  if (f.checkpointIsCommit === false)
    return `logs/last_checkpoint.txt names ${hash}, not a commit of this repository`;
  if (f.checkpointIsCommit === null)
    return `logs/last_checkpoint.txt names ${hash}, but the root is not a git work tree`;
  return null;
};

const configReason = (f: StartFacts): string | null =>
  f.configRefusals.length === 0
    ? null
    : `config_v0_3.json: ${f.configRefusals.map((r) => `${r.key} (${r.why})`).join('; ')}`;

/** Pure: each S-6 start condition, met or with its reason; ready when all are met. */
export const startReadiness = (f: StartFacts): StartReadiness => {
  const reasons: [ConditionId, string | null][] = [
    ['s5_closeout', closeoutReason(f)],
    ['canonical_context', configReason(f)],
    ['api_keys', keysReason(f)],
    ['checkpoint', checkpointReason(f)],
  ];
  const conditions = reasons.map(([id, reason]) => ({ id, met: reason === null, reason }));
  return {
    ready: conditions.every((c) => c.met),
    conditions,
    unchecked: ["the operator has understood this runbook's rules (a person's condition)"],
  };
};

/** Pure: the text answer: `ready` or `not ready`, then one line per condition. */
export const readinessText = (r: StartReadiness): string =>
  [
    r.ready ? 'ready' : 'not ready',
    ...r.conditions.map((c) => (c.met ? `  met ${c.id}` : `  missing ${c.id}: ${c.reason ?? ''}`)),
    ...r.unchecked.map((u) => `  not checked: ${u}`),
  ].join('\n') + '\n';
