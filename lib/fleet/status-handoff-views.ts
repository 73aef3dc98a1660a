// What fleet status reads of the handoff state and the reconcile and handoff telemetry lines, decoded
// once by the runner (lenient like the reference; see status-views.ts for the fleet and policy states).
import * as t from 'io-ts';
import {
  count,
  echo,
  Echoes,
  Finite,
  flag,
  listOf,
  orElse,
  section,
  StringList,
  text,
  view,
} from './lenient.js';

const Str = t.string;
const IntentView = section(
  {
    intentId: orElse(Str, ''),
    transport: orElse(Str, 'local'),
    status: Str,
    autonomous: section({ manualOnly: flag, reasons: StringList }, 'StatusIntentAutonomy'),
  },
  'StatusIntent',
);

const DispatchView = section({ intentId: orElse(Str, ''), status: Str, reasonCode: Str }, 'StatusDispatch');

const COUNT_KEYS = [
  'requestedIntentCount',
  'executedIntentCount',
  'executedCount',
  'ambiguousCount',
  'failedCount',
] as const;
const counts = <K extends string, C extends t.Mixed>(keys: readonly K[], c: C) =>
  Object.fromEntries(keys.map((k) => [k, c])) as Record<K, C>;

export const StatusHandoffView = view(
  {
    mode: text,
    reasonCodes: Echoes,
    traceId: text,
    updatedAt: text,
    intents: listOf(IntentView),
    summary: section(
      {
        intentCount: Finite,
        autoEligibleIntentCount: count(),
        manualOnlyIntentCount: count(),
        pendingConfirmationCount: count(),
        executedCount: count(),
        ambiguousCount: count(),
        failedCount: count(),
      },
      'StatusHandoffSummary',
    ),
    execution: section(
      {
        mode: text,
        requestedBy: text,
        requestedAt: text,
        completedAt: text,
        ...counts(COUNT_KEYS, count()),
        results: listOf(DispatchView),
      },
      'StatusHandoffExecution',
    ),
  },
  'StatusHandoffState',
);

export const ReconcileLineView = view(
  { timestamp: text, status: text, reasonCodes: Echoes },
  'StatusReconcileLine',
);

const SUMMARY_KEYS = [
  'intentCount',
  'autoEligibleIntentCount',
  'manualOnlyIntentCount',
  'pendingConfirmationCount',
  'pendingManualOnlyCount',
  'executedCount',
  'ambiguousCount',
  'failedCount',
] as const;

/** The last handoff telemetry line: its execution and summary counts are echoed as written. */
export const HandoffLineView = view(
  {
    timestamp: text,
    category: text,
    traceId: text,
    execution: section(
      {
        mode: echo,
        requestedIntentCount: echo,
        executedCount: echo,
        ambiguousCount: echo,
        failedCount: echo,
      },
      'StatusHandoffLineExecution',
    ),
    summary: section(
      { summary: section(counts(SUMMARY_KEYS, echo), 'StatusHandoffLineCounts'), reasonCodes: Echoes },
      'StatusHandoffLineSummary',
    ),
  },
  'StatusHandoffLine',
);

/** The same line as the outcome rollup reads it: autonomous execution counts and the backlog. */
export const HandoffLineRollupView = section(
  {
    execution: section({ mode: text, ...counts(COUNT_KEYS, count()) }, 'RollupLineExecution'),
    summary: section(
      { summary: section({ pendingManualOnlyCount: t.number }, 'RollupLineCounts') },
      'RollupLineSummary',
    ),
  },
  'RollupHandoffLine',
);
