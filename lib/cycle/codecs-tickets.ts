// The three ticket logs under state/tickets/, as the origin (KevinKim-KOR/krx_hyungsoo) writes them.
// Decoding is lenient about extra keys (writers add fields over versions) and strict about the keys the
// cycle folds: a line without them is corrupt, reported with its file:line:byte.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decode, nullable } from '../core/codec.js';

/** One line of `state/tickets/ticket_requests.jsonl` (TICKET_REQUEST_V1). */
export const TicketRequest = t.intersection(
  [
    t.type({ request_id: t.string, requested_at: t.string, request_type: t.string }),
    t.partial({
      schema: t.string,
      payload: t.unknown,
      status: t.string,
      trace_id: nullable(t.string),
    }),
  ],
  'TicketRequest',
);
export type TicketRequest = t.TypeOf<typeof TicketRequest>;

/** One line of `state/tickets/ticket_results.jsonl` (TICKET_RESULT_V1); status IN_PROGRESS | DONE | FAILED. */
export const TicketResult = t.intersection(
  [
    t.type({ request_id: t.string, processed_at: t.string, status: t.string }),
    t.partial({
      schema: t.string,
      result_id: t.string,
      processor_id: t.string,
      message: t.string,
      artifacts: t.array(t.unknown),
    }),
  ],
  'TicketResult',
);
export type TicketResult = t.TypeOf<typeof TicketResult>;

/** EXECUTION_RECEIPT_V1: the first receipt form, a result instead of a decision. */
export const ReceiptV1 = t.intersection(
  [
    t.type({
      schema: t.literal('EXECUTION_RECEIPT_V1'),
      receipt_id: t.string,
      request_id: t.string,
      issued_at: t.string,
      mode: t.string,
      result: t.string,
    }),
    t.partial({ message: t.string, artifacts: t.array(t.unknown), decision: t.string }),
  ],
  'ReceiptV1',
);

/** EXECUTION_RECEIPT_V2: decision EXECUTED | BLOCKED | FAILED with block reasons and start/finish times. */
export const ReceiptV2 = t.intersection(
  [
    t.type({
      schema: t.literal('EXECUTION_RECEIPT_V2'),
      receipt_id: t.string,
      request_id: t.string,
      mode: t.string,
      decision: t.string,
    }),
    t.partial({
      block_reasons: t.array(t.string),
      started_at: t.string,
      finished_at: t.string,
      command: t.array(t.string),
      exit_code: nullable(t.number),
      artifacts_written: t.array(t.string),
      safety_checks: t.UnknownRecord,
      preflight_artifact_path: nullable(t.string),
    }),
  ],
  'ReceiptV2',
);

const Acceptance = t.intersection(
  [t.type({ pass: t.boolean }), t.partial({ reason: t.string })],
  'Acceptance',
);
const ProofTarget = t.intersection(
  [t.UnknownRecord, t.partial({ path: t.string, changed: t.boolean, verified: t.boolean })],
  'ProofTarget',
);

/** EXECUTION_RECEIPT_V3: sha256-verified outputs proof and an acceptance verdict. */
export const ReceiptV3 = t.intersection(
  [
    t.type({
      schema: t.literal('EXECUTION_RECEIPT_V3'),
      asof: t.string,
      receipt_id: t.string,
      request_id: t.string,
      mode: t.string,
      decision: t.string,
    }),
    t.partial({
      request_type: t.string,
      exit_code: nullable(t.number),
      outputs_proof: t.partial({ latest_dir: t.string, targets: t.array(ProofTarget) }),
      acceptance: Acceptance,
      safety_checks: t.UnknownRecord,
      preflight_artifact_path: nullable(t.string),
      block_reasons: t.array(t.string),
      evidence_refs: t.array(t.unknown),
    }),
  ],
  'ReceiptV3',
);

/** One line of `state/tickets/ticket_receipts.jsonl`: any of the three receipt schemas (append-only). */
export const TicketReceipt = t.union([ReceiptV1, ReceiptV2, ReceiptV3], 'TicketReceipt');
export type TicketReceipt = t.TypeOf<typeof TicketReceipt>;

const decoder =
  <A, O>(codec: t.Type<A, O, unknown>) =>
  (value: unknown): E.Either<string, A> =>
    E.mapLeft((e: { message: string }) => e.message)(decode(codec, value));

/** Pure: a request line, or why it is not one. */
export const decodeTicketRequest = decoder(TicketRequest);
/** Pure: a result line, or why it is not one. */
export const decodeTicketResult = decoder(TicketResult);

const RECEIPT_SCHEMAS = new Set(['EXECUTION_RECEIPT_V1', 'EXECUTION_RECEIPT_V2', 'EXECUTION_RECEIPT_V3']);

/** Pure: a receipt line of schema V1, V2 or V3, or why it is not one (naming the schema it claims). */
export const decodeTicketReceipt = (value: unknown): E.Either<string, TicketReceipt> => {
  const schema = (value as { schema?: unknown } | null)?.schema;
  if (typeof schema !== 'string' || !RECEIPT_SCHEMAS.has(schema))
    return E.left(`$.schema: expected EXECUTION_RECEIPT_V1, _V2 or _V3, got ${JSON.stringify(schema)}`);
  if (schema === 'EXECUTION_RECEIPT_V1') return decoder(ReceiptV1)(value);
  return schema === 'EXECUTION_RECEIPT_V2' ? decoder(ReceiptV2)(value) : decoder(ReceiptV3)(value);
};

/** Pure: the receipt's decision; a V1 receipt has none, its `result` FAILED reads as FAILED, DONE as EXECUTED. */
export const receiptDecision = (r: TicketReceipt): string => {
  if (r.schema !== 'EXECUTION_RECEIPT_V1') return r.decision;
  return r.decision ?? (r.result === 'DONE' ? 'EXECUTED' : r.result);
};

/** Pure: when the receipt was written (V3 asof, V1 issued_at, V2 finished_at or started_at), or null. */
export const receiptTime = (r: TicketReceipt): string | null => {
  if (r.schema === 'EXECUTION_RECEIPT_V3') return r.asof;
  if (r.schema === 'EXECUTION_RECEIPT_V1') return r.issued_at;
  return r.finished_at ?? r.started_at ?? null;
};
