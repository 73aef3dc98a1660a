// Messages to send, as data, and the one step that sends them. A decision returns the messages it wants
// sent, each with its idempotency key; `sendMessages` sends them one at a time through a sink port with
// bounded retries and hands back each outcome as a value (a failed send is a result, never a throw).
// Recording an outcome is the caller's pure `record` step, whose effects are applied before the next
// message goes out: a crash between a send and its record re-sends at most that one message on the
// next run (at-least-once), with the same key, so the receiver can drop the repeat.
// It lives in the kernel, not lib/io, because it touches nothing itself: the sink port and the timer are
// parameters, so a pure lib step (alert dispatch, a harness escalation) can call it directly.
import type { Effect } from '../io/effects.js';

/** One message to send: the key a receiver may dedupe on, and what the sink port builds it from. */
export interface Message<P> {
  readonly key: string;
  readonly payload: P;
}

/** A message turned into a request once, at send time; or its result when it cannot be sent at all. */
export type Prepared<Q, R> = { readonly request: Q } | { readonly result: R };

/** What one attempt came to: its result, whether it was acknowledged, whether another attempt may help. */
export interface Answer<R> {
  readonly result: R;
  readonly ok: boolean;
  readonly retryable: boolean;
}

/** Where messages go: the effects of sending, as parameters. */
export interface SinkPort<P, Q, R> {
  prepare(message: Message<P>): Prepared<Q, R>;
  attempt(request: Q): Promise<Answer<R>>;
  /** The result of an attempt that threw; it is not retried. */
  thrown(err: unknown, request: Q): R;
}

/** Attempts per message (at least 1), the wait before attempt n (2, 3, …), and the timer. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly backoffMs: (attempt: number) => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** A message's outcome: sent (acknowledged or not, after `attempts` tries), or a duplicate of one this batch already delivered. */
export type Outcome<P, R> =
  | {
      readonly kind: 'sent';
      readonly message: Message<P>;
      readonly result: R;
      readonly ok: boolean;
      readonly attempts: number;
    }
  | { readonly kind: 'duplicate'; readonly message: Message<P> };

/** The port and retry policy messages are sent with. */
export interface SendVia<P, Q, R> {
  readonly port: SinkPort<P, Q, R>;
  readonly retry: RetryPolicy;
}

/** Recording outcomes as they come back: the pure step, and the executor of its effects (applyEffects). */
export interface OutcomeRecorder<P, R> {
  readonly record: (outcome: Outcome<P, R>) => readonly Effect[];
  readonly apply: (effects: readonly Effect[]) => Promise<void>;
}

type Sent<P, R> = Extract<Outcome<P, R>, { kind: 'sent' }>;

/** Sends one message, retrying what the port calls retryable; never rejects for the sink's sake. */
export const sendMessage = async <P, Q, R>(
  message: Message<P>,
  via: SendVia<P, Q, R>,
): Promise<Sent<P, R>> => {
  const prepared = via.port.prepare(message);
  if ('result' in prepared) return { kind: 'sent', message, result: prepared.result, ok: false, attempts: 0 };
  const attempts = Math.max(1, via.retry.attempts);
  for (let n = 1; ; n += 1) {
    if (n > 1) await via.retry.sleep(via.retry.backoffMs(n));
    let answer: Answer<R>;
    try {
      answer = await via.port.attempt(prepared.request);
    } catch (err) {
      return {
        kind: 'sent',
        message,
        result: via.port.thrown(err, prepared.request),
        ok: false,
        attempts: n,
      };
    }
    if (answer.ok || !answer.retryable || n >= attempts)
      return { kind: 'sent', message, result: answer.result, ok: answer.ok, attempts: n };
  }
};

const noRecord = { record: () => [], apply: async () => undefined };

/**
 * Sends `messages` in order. Each outcome is recorded (its effects applied) before the next message is
 * sent; a message whose key this batch already delivered is not sent again (a `duplicate`). The first
 * failure to apply a record is rethrown and nothing after it is sent.
 */
export const sendMessages = async <P, Q, R>(
  messages: readonly Message<P>[],
  via: SendVia<P, Q, R>,
  recorder: OutcomeRecorder<P, R> = noRecord,
): Promise<Outcome<P, R>[]> => {
  const outcomes: Outcome<P, R>[] = [];
  const delivered = new Set<string>();
  for (const message of messages) {
    const outcome: Outcome<P, R> = delivered.has(message.key)
      ? { kind: 'duplicate', message }
      : await sendMessage(message, via);
    if (outcome.kind === 'sent' && outcome.ok) delivered.add(message.key);
    const effects = recorder.record(outcome);
    if (effects.length > 0) await recorder.apply(effects);
    outcomes.push(outcome);
  }
  return outcomes;
};
