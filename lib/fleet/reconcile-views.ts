// What fleet reconcile reads of the document a loop's pass printed (its state on success, its health on
// failure), decoded once by the runner: the health status and reason codes, the transport failure code
// and the transition state. Lenient: a field of the wrong type reads as absent, no document as {}.
import * as t from 'io-ts';
import { decodeLenient, section, StringList } from './lenient.js';

const healthProps = {
  status: t.string,
  reasonCodes: StringList,
  transport: section({ failureCode: t.string }, 'PassTransport'),
};

export const PassHealthView = section(healthProps, 'PassHealth');

export const PassDocumentView = section(
  {
    ...healthProps,
    health: PassHealthView,
    transition: section({ currentState: t.string }, 'PassTransition'),
  },
  'PassDocument',
);

export type PassHealth = t.TypeOf<typeof PassHealthView>;
export type PassDocument = t.TypeOf<typeof PassDocumentView>;

/** Pure: a pass's health document as printed, decoded. Total. */
export const decodePassHealth = (raw: unknown): PassHealth => decodeLenient(PassHealthView, raw);

/** Pure: a pass's printed document (null when it printed none), decoded. Total. */
export const decodePassDocument = (raw: unknown): PassDocument => decodeLenient(PassDocumentView, raw);
