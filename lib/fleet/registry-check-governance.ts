// The governance block of guarded autonomy: who authorized it, under which approval, why, when, and
// until when. Optional in advisory mode (checked when present); required in guarded_auto mode, where
// `reviewBy` must also be after `changedAt` and still in the future at `asOf`.
import { isObject, nonEmpty } from './json.js';
import {
  isIsoTimestamp,
  nonEmptyWhenPresent,
  objOrEmpty,
  objectWhenPresent,
} from './registry-check-shapes.js';
import { when } from './registry-check-loops.js';
import { parseIso } from '../core/time.js';

// Only called on texts isIsoTimestamp accepted.
const msOf = (iso: string): number => parseIso(iso) ?? Number.NaN;

const G = 'policy.autonomous.governance';
const GUARDED = 'when policy.mode is guarded_auto';

const absent = (v: unknown): boolean => v === null || v === undefined;

const reviewNotAfterChange = (g: Record<string, unknown>): boolean =>
  isIsoTimestamp(g['changedAt']) &&
  isIsoTimestamp(g['reviewBy']) &&
  msOf(g['reviewBy']) <= msOf(g['changedAt']);

const presentFieldErrors = (g: Record<string, unknown>): string[] => [
  ...nonEmptyWhenPresent(g['actor'], `${G}.actor`),
  ...nonEmptyWhenPresent(g['approvalRef'], `${G}.approvalRef`),
  ...nonEmptyWhenPresent(g['rationale'], `${G}.rationale`),
  ...when(
    !absent(g['changedAt']) && !isIsoTimestamp(g['changedAt']),
    `${G}.changedAt must be an ISO-8601 timestamp when present`,
  ),
  ...when(
    !absent(g['reviewBy']) && !isIsoTimestamp(g['reviewBy']),
    `${G}.reviewBy must be an ISO-8601 timestamp when present`,
  ),
  ...when(reviewNotAfterChange(g), `${G}.reviewBy must be after ${G}.changedAt`),
];

const guardedErrors = (gov: unknown, asOfMs: number): string[] => {
  const g = objOrEmpty(gov);
  const reviewBy = g['reviewBy'];
  return [
    ...when(!isObject(gov), `${G} is required ${GUARDED}`),
    ...when(nonEmpty(g['actor']) === null, `${G}.actor is required ${GUARDED}`),
    ...when(nonEmpty(g['approvalRef']) === null, `${G}.approvalRef is required ${GUARDED}`),
    ...when(nonEmpty(g['rationale']) === null, `${G}.rationale is required ${GUARDED}`),
    ...when(!isIsoTimestamp(g['changedAt']), `${G}.changedAt must be an ISO-8601 timestamp ${GUARDED}`),
    ...when(!isIsoTimestamp(reviewBy), `${G}.reviewBy must be an ISO-8601 timestamp ${GUARDED}`),
    ...when(reviewNotAfterChange(g), `${G}.reviewBy must be after ${G}.changedAt ${GUARDED}`),
    ...when(
      isIsoTimestamp(reviewBy) && msOf(reviewBy) <= asOfMs,
      `${G}.reviewBy must be in the future ${GUARDED}`,
    ),
  ];
};

/** Pure: the governance errors; `asOfMs` is the instant "in the future" is judged at. */
export const governanceErrors = (gov: unknown, guarded: boolean, asOfMs: number): string[] => [
  ...objectWhenPresent(gov, G),
  ...presentFieldErrors(objOrEmpty(gov)),
  ...(guarded ? guardedErrors(gov, asOfMs) : []),
];

/** Pure: whole days from changedAt to reviewBy (null unless both are timestamps). */
export const reviewWindowDays = (changedAt: unknown, reviewBy: unknown): number | null =>
  isIsoTimestamp(changedAt) && isIsoTimestamp(reviewBy)
    ? Math.floor((msOf(reviewBy) - msOf(changedAt)) / 86_400_000)
    : null;
