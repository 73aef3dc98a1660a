// How the cycle reads its three safety documents, missing and broken ones included. Each reading says
// what the snapshot reports and which warnings explain it. Pure: the runner hands in what it found.
//
// - Emergency stop: read as the origin reads it (`enabled`, else legacy `active`, truthy as in Python);
//   a missing or unreadable file is "not enabled" — exactly the origin's rule — and a warning says so.
// - Execution gate: missing → MOCK_ONLY (the origin's fail-safe default); unreadable, without a mode or
//   with an unknown mode → invalid, which blocks every ticket (GATE_BLOCKED) instead of the origin's
//   "[UNKNOWN] Processed". REAL_ENABLED (the origin's spelling) is REAL.
// - Allowlist: missing or unreadable → version "N/A" and no REAL execution; no `version` key → "v1".
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../core/codec.js';
import { ExecutionAllowlist, type AllowlistRule } from './codecs-safety.js';
import type { GateMode, Warning } from './reasons.js';
import { isObject, type JsonObject } from '../core/json-object.js';

/**
 * What the runner found at a document's path, decoded at the edge: missing, unreadable (I/O or not
 * JSON), JSON that is not an object, or the object (read leniently, as the origin reads it).
 */
export type Doc<A = JsonObject> =
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly detail: string }
  | { readonly kind: 'notObject' }
  | { readonly kind: 'json'; readonly value: A };

export interface Reading<T> {
  readonly value: T;
  readonly warnings: readonly Warning[];
}

/** Python truthiness, which the origin applies to `enabled`. */
const truthy = (v: unknown): boolean => {
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return Boolean(v);
};

/** Pure: is the emergency stop on, and what about the file deserves a warning. */
export const readEmergencyStop = (doc: Doc, shown: string): Reading<boolean> => {
  if (doc.kind === 'missing')
    return {
      value: false,
      warnings: [{ code: 'EMERGENCY_STOP_MISSING', detail: `${shown} not found; read as not enabled` }],
    };
  if (doc.kind === 'unreadable')
    return {
      value: false,
      warnings: [
        { code: 'EMERGENCY_STOP_UNREADABLE', detail: `${shown}: ${doc.detail}; read as not enabled` },
      ],
    };
  if (doc.kind === 'notObject')
    return {
      value: false,
      warnings: [
        { code: 'EMERGENCY_STOP_INVALID', detail: `${shown}: not a JSON object; read as not enabled` },
      ],
    };
  const key = Object.hasOwn(doc.value, 'enabled') ? 'enabled' : 'active';
  const raw = doc.value[key];
  const value = truthy(raw);
  if (typeof raw === 'boolean') return { value, warnings: [] };
  const got = raw === undefined ? 'no "enabled" key' : `"${key}" is ${JSON.stringify(raw)}`;
  return {
    value,
    warnings: [
      {
        code: 'EMERGENCY_STOP_INVALID',
        detail: `${shown}: ${got}; read as ${value ? 'enabled' : 'not enabled'}`,
      },
    ],
  };
};

export interface GateReading {
  /** What safety_snapshot.execution_gate_mode reports. */
  readonly reported: string;
  /** The mode the worker runs under; null when the gate is invalid (every ticket GATE_BLOCKED). */
  readonly mode: GateMode | null;
  readonly problem: string | null;
}

const MODES: Readonly<Record<string, GateMode>> = {
  MOCK_ONLY: 'MOCK_ONLY',
  DRY_RUN: 'DRY_RUN',
  REAL: 'REAL',
  REAL_ENABLED: 'REAL',
};

const invalidGate = (reported: string, problem: string, shown: string): Reading<GateReading> => ({
  value: { reported, mode: null, problem },
  warnings: [
    { code: 'EXECUTION_GATE_INVALID', detail: `${shown}: ${problem}; every ticket is GATE_BLOCKED` },
  ],
});

/** Pure: the execution gate's mode, or invalid. */
export const readExecutionGate = (doc: Doc, shown: string): Reading<GateReading> => {
  if (doc.kind === 'missing')
    return {
      value: { reported: 'MOCK_ONLY', mode: 'MOCK_ONLY', problem: null },
      warnings: [
        { code: 'EXECUTION_GATE_MISSING', detail: `${shown} not found; MOCK_ONLY (fail-safe default)` },
      ],
    };
  if (doc.kind === 'unreadable') return invalidGate('MOCK_ONLY', doc.detail, shown);
  if (doc.kind === 'notObject') return invalidGate('MOCK_ONLY', 'not a JSON object', shown);
  const raw = doc.value['mode'];
  if (typeof raw !== 'string')
    return invalidGate('MOCK_ONLY', `mode is ${JSON.stringify(raw ?? null)}`, shown);
  const mode = Object.hasOwn(MODES, raw) ? MODES[raw] : undefined;
  if (mode === undefined) return invalidGate(raw, `unknown mode ${JSON.stringify(raw)}`, shown);
  return { value: { reported: mode, mode, problem: null }, warnings: [] };
};

export interface AllowlistReading {
  readonly version: string;
  /** The usable allowlist; null when missing or unreadable (REAL execution is then refused). */
  readonly allowlist: ExecutionAllowlist | null;
  readonly problem: string | null;
}

const versionOf = (v: JsonObject): string => {
  const raw = v['version'];
  if (raw === undefined) return 'v1';
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
};

/** Pure: the allowlist, its version for the snapshot, and what is wrong with it. */
export const readAllowlist = (doc: Doc, shown: string): Reading<AllowlistReading> => {
  if (doc.kind === 'missing')
    return {
      value: { version: 'N/A', allowlist: null, problem: `${shown} not found` },
      warnings: [
        { code: 'ALLOWLIST_MISSING', detail: `${shown} not found; version N/A, REAL execution refused` },
      ],
    };
  const bad = (version: string, problem: string): Reading<AllowlistReading> => ({
    value: { version, allowlist: null, problem: `${shown}: ${problem}` },
    warnings: [{ code: 'ALLOWLIST_INVALID', detail: `${shown}: ${problem}; REAL execution refused` }],
  });
  if (doc.kind === 'unreadable') return bad('N/A', doc.detail);
  if (doc.kind === 'notObject') return bad('N/A', 'not a JSON object');
  const decoded = decode(ExecutionAllowlist, doc.value);
  if (E.isLeft(decoded)) return bad(versionOf(doc.value), decoded.left.message);
  return { value: { version: versionOf(doc.value), allowlist: decoded.right, problem: null }, warnings: [] };
};

/** Pure: the rule the allowlist gives a request type, or an empty rule. */
export const ruleOf = (allowlist: ExecutionAllowlist | null, requestType: string): AllowlistRule => {
  const rules = allowlist?.rules;
  return rules !== undefined && Object.hasOwn(rules, requestType) ? (rules[requestType] ?? {}) : {};
};

/** Pure: the paths a REAL run of `requestType` needs under the root (required_inputs, then preflight_paths). */
export const preflightPathsOf = (allowlist: ExecutionAllowlist | null, requestType: string): string[] => {
  const rule = ruleOf(allowlist, requestType);
  return [...new Set([...(rule.required_inputs ?? []), ...(rule.preflight_paths ?? [])])];
};
