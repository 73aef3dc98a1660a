// The `opsfold/core` entry: the pure kernel — fold a projection, decide, send messages (the outbox),
// decode with a codec, positions and checkpoints, stable JSON, RFC 3339 time, SHA-256. Listed by name
// (no `export *`).
export { fold, foldFrom } from './projection.js';
export type { Projection, Positioned } from './projection.js';
export { decide } from './decision.js';
export { sendMessage, sendMessages } from './outbox.js';
export type {
  Message,
  Prepared,
  Answer,
  SinkPort,
  RetryPolicy,
  Outcome,
  SendVia,
  OutcomeRecorder,
} from './outbox.js';
export type { Decision, Condition, ConditionStatus } from './decision.js';
export { decode, parseJson, firstContractError } from './codec.js';
export type { ContractError } from './codec.js';
export { cursorStart, cursorNotBefore } from './position.js';
export type { Position, Cursor, Checkpoint, SourceFingerprint } from './position.js';
export { stableJson } from './stable-json.js';
export {
  parseRfc3339,
  parseRfc3339Local,
  parseIso,
  isoSeconds,
  secondsBetween,
  RFC3339_FORM,
} from './time.js';
export type { Instant } from './time.js';
export { isObject } from './json-object.js';
export { decodeText, detectEncoding } from './text.js';
export type { TextEncodingName, DecodedText } from './text.js';
export { jsonErrorOffset } from './json-error-offset.js';
export { sha256Initial, sha256Update, sha256Digest, Sha256Hasher } from './sha256.js';
export type { Sha256State } from './sha256.js';
export { toJsonSchema } from './json-schema.js';
export { StepError } from './step-error.js';
