// A JSON-path diff of two values, for error messages that say exactly where two folds or two
// outputs part ways (replay --expect, the given/when/then helper, the replay laws).
import { stableJson } from './stable-json.js';
import { isObject } from './json-object.js';

const MAX_SHOWN = 80;

const asJson = (v: unknown): unknown =>
  v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown);
const render = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const text = stableJson(v, false).trimEnd();
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
};
const childPath = (path: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

interface DiffAcc {
  readonly out: string[];
  readonly limit: number;
}

const walk = (path: string, expected: unknown, actual: unknown, acc: DiffAcc): void => {
  if (acc.out.length >= acc.limit) return;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) walk(`${path}[${i}]`, expected[i], actual[i], acc);
    return;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const k of keys) walk(childPath(path, k), expected[k], actual[k], acc);
    return;
  }
  if (stableJson(expected) !== stableJson(actual))
    acc.out.push(`${path}: expected ${render(expected)}, got ${render(actual)}`);
};

/** Pure law: empty exactly when both are equal as JSON data; else `$.a.b: expected X, got Y` lines, at most `limit`. */
export const diffJson = (expected: unknown, actual: unknown, limit = 50): string[] => {
  const acc: DiffAcc = { out: [], limit };
  walk('$', asJson(expected), asJson(actual), acc);
  return acc.out;
};
