// Tests that read like the rule they check (ARCHITECTURE "A test reads like the rule it checks"):
// `given(projection).events(a, b).then(state)` and `givenFacts(decide).when(asOf).then(value, reasons)`.
// Law: an expectation passes exactly when the expected and actual values are equal as JSON data
// (stableJson); otherwise it throws a plain Error whose message is a JSON-path diff, so it works under
// vitest, node:test or a bare script without importing any of them.
import type { Decision } from '../core/decision.js';
import { cursorStart, type Cursor } from '../core/position.js';
import type { Positioned, Projection } from '../core/projection.js';
import { foldFrom } from '../core/projection.js';
import { diffJson } from '../core/json-diff.js';

export { diffJson };

const encoder = new TextEncoder();
const expectEqual = <T>(label: string, expected: unknown, actual: T): T => {
  const diff = diffJson(expected, actual);
  if (diff.length === 0) return actual;
  throw new Error(`${label}: not as expected\n${diff.map((d) => `  ${d}`).join('\n')}`);
};

/** Pure law: the i-th value sits at line after.lines+i+1, at after.byteOffset plus (UTF-8 JSON length + 1) of those before. */
export const positionEvents = <E>(values: readonly E[], after: Cursor = cursorStart): Positioned<E>[] => {
  let byteOffset = after.byteOffset;
  return values.map((value, i) => {
    const event = { value, position: { line: after.lines + i + 1, byteOffset } };
    byteOffset += encoder.encode(JSON.stringify(value) ?? '').length + 1;
    return event;
  });
};

/** The events as folded and the state they produced; `then` throws a JSON-path diff unless the state is `expected`. */
export interface GivenEvents<S, E> {
  readonly events: readonly Positioned<E>[];
  readonly state: S;
  then(expected: S): S;
}

/** A projection awaiting its events, optionally on top of a checkpoint's state (positions continue after its cursor). */
export interface Given<S, E> {
  from(state: S, after?: Cursor): Given<S, E>;
  events(...values: E[]): GivenEvents<S, E>;
}

const givenFrom = <S, E>(projection: Projection<S, E>, start: S, after: Cursor): Given<S, E> => ({
  from: (state, at = cursorStart) => givenFrom(projection, state, at),
  events: (...values) => {
    const events = positionEvents(values, after);
    const state = foldFrom(projection, start, events);
    const label = `given(${projection.name}).events(${values.length} events).then`;
    return { events, state, then: (expected) => expectEqual(label, expected, state) };
  },
});

/** Pure law: given(p).events(...vs).state == fold(p, positionEvents(vs)); `.from(s, c)` folds from s after cursor c. */
export const given = <S, E>(projection: Projection<S, E>): Given<S, E> =>
  givenFrom(projection, projection.initial, cursorStart);

/** A decision taken at one instant; `then` throws a JSON-path diff unless value and reasons (in order) are as expected. */
export interface WhenFacts<T, R extends string> {
  readonly decision: Decision<T, R>;
  then(value: T, reasons?: readonly R[]): Decision<T, R>;
}

/** Facts bound into a decision function, awaiting the instant to decide at. */
export interface GivenFacts<T, R extends string> {
  when(asOf: string): WhenFacts<T, R>;
}

/** Pure law: givenFacts(d).when(asOf).decision == d(asOf); `then(v)` with no reasons expects none (the default outcome). */
export const givenFacts = <T, R extends string>(
  decide: (asOf: string) => Decision<T, R>,
): GivenFacts<T, R> => ({
  when: (asOf) => {
    const decision = decide(asOf);
    return {
      decision,
      then: (value, reasons = []) => {
        expectEqual(
          `givenFacts.when(${asOf}).then`,
          { value, reasons },
          { value: decision.value, reasons: decision.reasons },
        );
        return decision;
      },
    };
  },
});
