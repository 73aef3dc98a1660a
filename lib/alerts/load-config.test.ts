// Loading the alert sink catalog through a document reader port: the reference's three error lines
// (not found, invalid JSON, invalid catalog) and the precedence of where the catalog comes from.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { DocRead } from '../io/store.js';
import { configPathOf, loadConfig } from './load-config.js';

const reading = (got: DocRead<unknown>) => async (): Promise<DocRead<unknown>> => got;

describe('loading the alert sink catalog', () => {
  it('given no file, a directory or a FIFO, then the error is "file not found"', async () => {
    for (const got of [
      { kind: 'missing', path: 'c.json' },
      {
        kind: 'problem',
        path: 'c.json',
        bytes: 0,
        problem: { kind: 'unreadable', code: 'EISDIR', reason: 'x' },
      },
      { kind: 'problem', path: 'c.json', bytes: 0, problem: { kind: 'refused', reason: 'a FIFO' } },
    ] as const)
      expect(await loadConfig(reading(got), 'c.json')).toEqual(
        E.left({ errorLine: 'alert sink config file not found: c.json', detail: '' }),
      );
  });

  it('given unparsable JSON, then "invalid alert sink config JSON" with file:line:byte', async () => {
    const got = {
      kind: 'problem',
      path: 'c.json',
      bytes: 3,
      problem: { kind: 'unparsable', line: 2, byteOffset: 7, reason: 'Unexpected token' },
    } as const;
    expect(await loadConfig(reading(got), 'c.json')).toEqual(
      E.left({ errorLine: 'invalid alert sink config JSON: c.json', detail: 'c.json:2:7: Unexpected token' }),
    );
  });

  it('given JSON that is not a catalog, then the validation error line, its detail naming the file', async () => {
    const got = { kind: 'found', path: 'c.json', value: [], bytes: 2, encoding: 'utf-8' } as const;
    const loaded = await loadConfig(reading(got), 'c.json');
    expect(E.isLeft(loaded) && loaded.left.detail.startsWith('c.json: ')).toBe(true);
  });

  it('takes --config-file, else OPS_MANAGER_ALERT_SINKS_FILE, else the shipped catalog', () => {
    const shipped = () => '/pkg/config.json';
    expect(configPathOf('a.json', { OPS_MANAGER_ALERT_SINKS_FILE: 'b.json' }, shipped)).toBe('a.json');
    expect(configPathOf(undefined, { OPS_MANAGER_ALERT_SINKS_FILE: 'b.json' }, shipped)).toBe('b.json');
    expect(configPathOf('', { OPS_MANAGER_ALERT_SINKS_FILE: '' }, shipped)).toBe('/pkg/config.json');
  });
});
