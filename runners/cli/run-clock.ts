// The clock and sleep a control run, a confirmation poll or a retrying client uses, injected so tests
// move time forward instantly. `--as-of` anchors the clock: timestamps start there and advance with
// the injected clock, so output is reproducible and durations are still measured.
import { isoSeconds } from '../../lib/core/time.js';
import { timeFlag } from './clock.js';
import type { Io, Values } from './command.js';

export type Sleep = (ms: number) => Promise<void>;

export interface Clock {
  /** Epoch milliseconds now. */
  ms(): number;
  /** Now, in the reference's second-precision ISO form. */
  iso(): string;
}

/** Waits on a real timer (the default outside tests). */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** A clock reading `now`, shifted so that it starts at `anchorMs` when one is given. */
export const clockOf = (now: () => number, anchorMs: number | null = null): Clock => {
  const shift = anchorMs === null ? 0 : anchorMs - now();
  const ms = () => now() + shift;
  return { ms, iso: () => isoSeconds(ms()) };
};

/** The run's clock: `io.now`, anchored at `--as-of` when given. */
export const clockFromFlags = (values: Values, io: Io): Clock => {
  const anchor = timeFlag(values, 'as-of');
  return clockOf(io.now, anchor === null ? null : anchor.ms);
};
