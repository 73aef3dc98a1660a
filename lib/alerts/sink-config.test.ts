// `alerts sink-config` as a decision: flags refused before anything is read, and what the command
// answers over a loaded catalog.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { validateConfig, type AlertSinkConfig } from './config.js';
import { sinkConfigAnswer, sinkConfigFlagProblem } from './sink-config.js';

const loaded = validateConfig({
  schemaVersion: 'v1',
  defaultMinSeverity: 'warning',
  sinks: { hook: { enabled: true, type: 'webhook', urlEnv: 'HOOK_URL' } },
  routing: { defaultSinks: ['hook'], categorySeverity: {}, routes: [] },
}) as E.Either<never, AlertSinkConfig>;
const query = { category: '', severity: '', listOnly: false, envCheckEnabled: true, sourceFile: 's.json' };
const set = () => true;

describe('alerts sink-config flags', () => {
  it('given --list-sinks with --category, or --severity alone or unknown, then each is a usage problem', () => {
    expect(sinkConfigFlagProblem({ category: 'c', severity: '', listOnly: true })).toMatch(/--list-sinks/);
    expect(sinkConfigFlagProblem({ category: '', severity: 'info', listOnly: false })).toMatch(/requires/);
    expect(sinkConfigFlagProblem({ category: 'c', severity: 'loud', listOnly: false })).not.toBeNull();
    expect(sinkConfigFlagProblem({ category: 'c', severity: 'info', listOnly: false })).toBeNull();
  });
});

describe('alerts sink-config over a catalog', () => {
  it('given an enabled sink whose secret is unset, then it is refused naming the variable, unless the check is off', () => {
    expect(sinkConfigAnswer(loaded, query, () => false)).toMatchObject({
      kind: 'refused',
      errorLine: 'enabled sink secret env var(s) are unset: HOOK_URL',
    });
    expect(sinkConfigAnswer(loaded, { ...query, envCheckEnabled: false }, () => false).kind).toBe('json');
  });

  it('given --list-sinks, then the answer is the tab-separated sink list', () => {
    expect(sinkConfigAnswer(loaded, { ...query, listOnly: true }, set)).toEqual({
      kind: 'text',
      text: 'hook\twebhook\ttrue\n',
    });
  });

  it('given a category, then the answer is its route; given none, the catalog summary', () => {
    const route = sinkConfigAnswer(loaded, { ...query, category: 'c' }, set);
    expect(route).toMatchObject({ kind: 'json', value: { category: 'c', shouldDispatch: true } });
    const summary = sinkConfigAnswer(loaded, query, set);
    expect(summary).toMatchObject({ kind: 'json', value: { sourceFile: 's.json' } });
  });

  it('given a catalog that did not load, then its error line and detail are the refusal', () => {
    const problem = E.left({ errorLine: 'alert sink config has invalid top-level shape', detail: 'd' });
    expect(sinkConfigAnswer(problem as never, query, set)).toEqual({
      kind: 'refused',
      errorLine: 'alert sink config has invalid top-level shape',
      details: ['d'],
    });
  });
});
