// The codecs promotion reads other commands' artifacts with. The classifying parts are lenient (a row
// of another shape reads as "not mine"), the counted parts are strict and say why they failed: a count
// of the wrong type is evidence of corruption, reported with its path, never coerced into a number.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import { Echoes, Finite, flag, orElse, section, text } from './lenient.js';

/** jq's `x // d`: null, false and a missing value fall back to the default. */
const jqDefault = (v: unknown, fallback: unknown): unknown =>
  v === undefined || v === null || v === false ? fallback : v;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const pathOf = (c: t.Context): string =>
  c
    .map((e) => e.key)
    .filter((k) => k !== '')
    .join('.');

/** A count of an execution: absent, null and false are 0; anything but a non-negative integer fails. */
const Count = new t.Type<number, unknown, unknown>(
  'Count',
  isCount,
  (u, c) => {
    const v = jqDefault(u, 0);
    return isCount(v)
      ? t.success(v)
      : t.failure(u, c, `${pathOf(c)} is not a non-negative integer: ${JSON.stringify(v)}`);
  },
  (a) => a,
);

/** What classifies a handoff.jsonl row: its category, timestamp and execution mode. */
export const HandoffRowHead = section(
  { category: text, timestamp: text, execution: section({ mode: text }, 'HandoffRowExecution') },
  'HandoffRowHead',
);

/** The counts of an autonomous execution row, strict. */
export const AutonomousCounts = t.type({
  execution: t.type({
    requestedIntentCount: Count,
    executedCount: Count,
    ambiguousCount: Count,
    failedCount: Count,
  }),
});

const nest = <P extends t.Props>(props: P, name: string) => section(props, name);

/** What promotion reads of a policy.jsonl row: its category, timestamp and the auto-pause flag. */
export const PolicyRowView = section(
  {
    category: text,
    timestamp: text,
    summary: nest(
      {
        autonomous: nest(
          {
            rollout: nest(
              { pause: nest({ auto: nest({ active: flag }, 'PolicyRowAutoPause') }, 'PolicyRowPause') },
              'PolicyRowRollout',
            ),
          },
          'PolicyRowAutonomous',
        ),
      },
      'PolicyRowSummary',
    ),
  },
  'PolicyRowView',
);

const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  u !== null && typeof u === 'object' && !Array.isArray(u);

/** fleet/drills/promotion.v1.json as its drill list: JSON null holds none, `drills` defaults to []. */
export const DrillStateDoc = new t.Type<readonly unknown[], unknown, unknown>(
  'DrillStateDoc',
  (u): u is readonly unknown[] => Array.isArray(u),
  (u, c) => {
    if (u === null) return t.success([]);
    if (!isPlainObject(u)) return t.failure(u, c, 'the drill state is not a JSON object');
    const drills = jqDefault(u['drills'], []);
    return Array.isArray(drills) ? t.success(drills) : t.failure(u, c, '`drills` is not an array');
  },
  (a) => a,
);

/** What promotion reads of a fleet status document's `autonomous` object. */
export const StatusFactsView = section(
  {
    autonomous: section(
      {
        enabled: flag,
        governance: section(
          { posture: text, blocksAutonomous: flag, reasonCodes: Echoes },
          'StatusFactsGovernance',
        ),
        outcomeRollup: section({ manual_backlog: orElse(nullable(Finite), null) }, 'StatusFactsOutcomes'),
        rollout: section(
          {
            autopause: section({ active: flag }, 'StatusFactsAutopause'),
            state: section({ autoPauseActive: flag }, 'StatusFactsRolloutState'),
          },
          'StatusFactsRollout',
        ),
        safetyGateDecisions: section(
          { byPath: orElse(nullable(t.UnknownRecord), null) },
          'StatusFactsSafetyGates',
        ),
      },
      'StatusFactsAutonomous',
    ),
  },
  'StatusFactsView',
);

/** The first failure's message (every failure these codecs report carries one). */
export const firstMessage = (errors: t.Errors): string => errors[0]?.message ?? 'undecodable';
