// The horizon outbox contract (horizon-envelope-contract-v1): one JSON envelope per line, carrying a
// packet for a recipient. A line is valid when it names its schema version ("v1"), a trace id, the
// packet's id, recipient type and id, and intent, and an evidenceRefs array; keys it does not know are
// ignored. Fields are read as the reference's jq reads them: absent, null, false or "" is missing, and
// a number or an object is taken as its JSON text.
import { isObject } from '../core/json-object.js';

export const HORIZON_CONTRACT = 'horizon-envelope-contract-v1';

/** Why a line breaks the contract (the reference's reason codes). */
export type ContractReason =
  | 'contract_invalid_json'
  | 'contract_required_field_missing'
  | 'contract_schema_version_unsupported'
  | 'contract_evidence_refs_not_array';

/** A valid envelope, reduced to what the bridge queues. */
export interface HorizonEnvelope {
  readonly traceId: string;
  readonly packetId: string;
  readonly recipientType: string;
  readonly recipientId: string;
  readonly intent: string;
  readonly evidenceRefs: readonly unknown[];
}

/** What one outbox line is. */
export type EnvelopeLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'invalid'; readonly reason: ContractReason }
  | { readonly kind: 'valid'; readonly envelope: HorizonEnvelope };

/** Pure: a field as jq's `-r` prints it, or null when jq's `// null` would make it missing. */
const text = (v: unknown): string | null => {
  if (v === undefined || v === null || v === false) return null;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === '' ? null : s;
};

const parseLine = (line: string): unknown => {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
};

const child = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined);

const invalid = (reason: ContractReason): EnvelopeLine => ({ kind: 'invalid', reason });

/** Pure: decodes one outbox line against the contract (checks in the reference's order). */
export const envelopeOfLine = (line: string): EnvelopeLine => {
  if (line === '') return { kind: 'blank' };
  const env = parseLine(line);
  if (env === undefined) return invalid('contract_invalid_json');
  // A JSON value that is not an object has none of the required fields.
  if (!isObject(env)) return invalid('contract_required_field_missing');
  const packet = child(env, 'packet');
  const recipient = child(packet, 'recipient');
  const fields = {
    schemaVersion: text(env['schemaVersion']),
    traceId: text(env['traceId']),
    packetId: text(child(packet, 'packetId')),
    recipientType: text(child(recipient, 'type')),
    recipientId: text(child(recipient, 'id')),
    intent: text(child(packet, 'intent')),
  };
  const refs = env['evidenceRefs'];
  // evidenceRefs is only required to be present (an empty string is there, and then not an array).
  const absent = refs === undefined || refs === null || refs === false;
  if (absent || Object.values(fields).some((f) => f === null))
    return invalid('contract_required_field_missing');
  const { traceId, packetId, recipientType, recipientId, intent } = fields as Record<
    keyof typeof fields,
    string
  >;
  if (env['schemaVersion'] !== 'v1') return invalid('contract_schema_version_unsupported');
  if (!Array.isArray(refs)) return invalid('contract_evidence_refs_not_array');
  return {
    kind: 'valid',
    envelope: { traceId, packetId, recipientType, recipientId, intent, evidenceRefs: refs as unknown[] },
  };
};

/** Pure: the reference's intent slug (lower case, runs of other characters as one `-`, trimmed). */
export const intentSlug = (intent: string): string => {
  const slug = intent
    .replace(/[A-Z]/g, (c) => c.toLowerCase())
    .replace(/[^a-z0-9._-]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return slug === '' ? 'intent' : slug;
};

/** Pure: the dedupe key of a packet (the reference's `packetId::traceId`). */
export const dedupeKeyOf = (packetId: string, traceId: string): string => `${packetId}::${traceId}`;

/** Pure: how many lines bash's `read` loop sees in `text` (a final unterminated line counts). */
export const lineCountOf = (text: string): number =>
  text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** Pure: the lines of `text` as the reference reads them (no trailing empty piece). */
export const linesOf = (text: string): string[] => text.split('\n').slice(0, lineCountOf(text));
