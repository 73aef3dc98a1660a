// The sprite service's answers as the client reads them: lenient views with the reference client's
// jq rules (`.result.status // ""`, `.exitCode // 0`, ...), decoded once where the answer is parsed;
// and the ledger's copy of an earlier intent entry, as a replay reads it.
import type * as t from 'io-ts';
import {
  AnyString,
  JqTrue,
  JqValue,
  JsonValue as J,
  NonEmptyString,
  fromPath,
  lenient,
  lenientObject,
} from './lenient.js';

/** `(.x // 0)` kept only when it is a whole number, else 0. */
const WholeOrZero = lenient(
  'WholeOrZero',
  (u): u is number => typeof u === 'number',
  (u) => (typeof u === 'number' && Number.isInteger(u) && u >= 0 ? u : 0),
);

/** A `/ops/control` answer (2xx, or a 422 refusal). */
export const ServiceControlView = lenientObject(
  {
    doc: fromPath([], J),
    ok: JqTrue,
    exitCode: WholeOrZero,
    replayed: JqTrue,
    status: fromPath(['result', 'status'], NonEmptyString),
    confirm: fromPath(['result', 'confirm'], JqValue),
    confirmed: fromPath(['result', 'confirmed'], JqTrue),
    confirmExitCode: fromPath(['result', 'confirmExitCode'], WholeOrZero),
    reasonCode: fromPath(['result', 'reasonCode'], AnyString),
  },
  'ServiceControlView',
);
export type ServiceControlView = t.TypeOf<typeof ServiceControlView>;

/** A JSON string, else the empty string. */
const TextOrEmpty = lenient(
  'TextOrEmpty',
  (u): u is string => typeof u === 'string',
  (u) => (typeof u === 'string' ? u : ''),
);

/** The intent entry the idempotency ledger kept for a key, as a replay of it reads it. */
export const ReplayEntryView = lenientObject(
  {
    confirm: JqValue,
    confirmed: JqTrue,
    exitCode: WholeOrZero,
    confirmExitCode: WholeOrZero,
    command: TextOrEmpty,
    commandOutput: TextOrEmpty,
  },
  'ReplayEntryView',
);
export type ReplayEntryView = t.TypeOf<typeof ReplayEntryView>;

/** An array of JSON values, else null. */
const JsonArray = lenient(
  'JsonArray',
  (u): u is readonly unknown[] | null => u === null || Array.isArray(u),
  (u) => (Array.isArray(u) ? (u as readonly unknown[]) : null),
);

/** A JSON object (not an array), as `type == "object"`. */
const IsObject = lenient(
  'IsObject',
  (u): u is boolean => typeof u === 'boolean',
  (u) => u !== null && typeof u === 'object' && !Array.isArray(u),
);

/** An `/ops/events` answer, as the reference reconcile checks it. */
export const ServiceEventsView = lenientObject(
  {
    ok: JqTrue,
    events: JsonArray,
    hasCursor: fromPath(['cursor'], IsObject),
    eventLineOffset: fromPath(['cursor', 'eventLineOffset'], JqValue),
    eventLineCount: fromPath(['cursor', 'eventLineCount'], JqValue),
  },
  'ServiceEventsView',
);
