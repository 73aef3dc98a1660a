// `alerts sink-config` as a decision: which flag combinations are refused, and, over the loaded
// catalog, what the command answers: a refusal (the catalog's problem, or enabled sinks whose secret
// env vars are unset), the tab-separated sink list, or the catalog summary or one category's route.
import * as E from 'fp-ts/lib/Either.js';
import type { AlertSinkConfig, ConfigProblem } from './config.js';
import {
  catalogSummary,
  envStatusOf,
  missingEnabledSecrets,
  resolveRoute,
  sinkListLines,
} from './resolve.js';
import { isSeverity, SEVERITY_CHOICES } from './severity.js';

/** What the operator asked: '' for an absent --category or --severity. */
export interface SinkConfigQuery {
  readonly category: string;
  readonly severity: string;
  readonly listOnly: boolean;
  readonly envCheckEnabled: boolean;
  /** Where the catalog came from, as reported. */
  readonly sourceFile: string;
}

export type SinkConfigAnswer =
  | { readonly kind: 'usage'; readonly message: string }
  | { readonly kind: 'refused'; readonly errorLine: string; readonly details: readonly string[] }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'json'; readonly value: unknown };

/** Pure: the usage problem of the flags, before anything is read; null when they go together. */
export const sinkConfigFlagProblem = (
  q: Omit<SinkConfigQuery, 'sourceFile' | 'envCheckEnabled'>,
): string | null => {
  if (q.listOnly && q.category !== '') return '--list-sinks cannot be combined with --category';
  if (q.category === '' && q.severity !== '') return '--severity requires --category';
  if (q.severity !== '' && !isSeverity(q.severity)) return SEVERITY_CHOICES;
  return null;
};

const answerFor = (
  config: AlertSinkConfig,
  q: SinkConfigQuery,
  isSet: (name: string) => boolean,
): SinkConfigAnswer => {
  const missing = q.envCheckEnabled ? missingEnabledSecrets(config, isSet) : [];
  if (missing.length > 0)
    return {
      kind: 'refused',
      errorLine: `enabled sink secret env var(s) are unset: ${missing.join(' ')}`,
      details: ['set them, disable those sinks, or pass --no-env-check'],
    };
  if (q.listOnly) return { kind: 'text', text: sinkListLines(config) };
  const query = {
    sourceFile: q.sourceFile,
    envStatus: envStatusOf(config, isSet),
    envCheckEnabled: q.envCheckEnabled,
  };
  if (q.category === '') return { kind: 'json', value: catalogSummary(config, query) };
  const route = resolveRoute(config, {
    ...query,
    category: q.category,
    severity: q.severity === '' ? null : q.severity,
  });
  return E.isLeft(route)
    ? { kind: 'usage', message: SEVERITY_CHOICES }
    : { kind: 'json', value: route.right };
};

/** Pure: the command's answer over the catalog as loaded (a load problem is refused with its detail). */
export const sinkConfigAnswer = (
  loaded: E.Either<ConfigProblem, AlertSinkConfig>,
  q: SinkConfigQuery,
  isSet: (name: string) => boolean,
): SinkConfigAnswer =>
  E.isLeft(loaded)
    ? {
        kind: 'refused',
        errorLine: loaded.left.errorLine,
        details: loaded.left.detail === '' ? [] : [loaded.left.detail],
      }
    : answerFor(loaded.right, q, isSet);
