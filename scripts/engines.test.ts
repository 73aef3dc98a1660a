// package.json's engines.node is exactly what installs and runs: every Node version at the floor of
// each of its ranges satisfies every direct dependency's engines (runtime and toolchain, plus vite,
// which vitest runs on), and the versions just below a floor are refused by at least one of them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const PKG = new URL('../', import.meta.url);
const json = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(path, PKG), 'utf8')) as Record<string, unknown>;

const pkg = json('package.json') as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

type Version = readonly [number, number, number];
const parse = (v: string): Version => {
  const [a = 0, b = 0, c = 0] = v.replace(/^v/, '').split('.').map(Number);
  return [a, b, c];
};
const cmp = (x: Version, y: Version): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

/** One comparator of the forms the dependencies use: `20.x`, `>=22.x`, `^20.19.0`, `>=22.12.0`, `<27`. */
const meets = (v: Version, c: string): boolean => {
  const [, op = '', num = ''] = /^(\^|>=|<=|>|<)?(.*)$/.exec(c) ?? [];
  if (num.endsWith('.x')) return op === '>=' ? v[0] >= parse(num)[0] : v[0] === parse(num)[0];
  const n = parse(num);
  if (op === '^') return v[0] === n[0] && cmp(v, n) >= 0;
  if (op === '>=') return cmp(v, n) >= 0;
  if (op === '<') return cmp(v, n) < 0;
  return cmp(v, n) === 0;
};
const satisfies = (v: Version, range: string): boolean =>
  range.split('||').some((set) =>
    set
      .trim()
      // `>= 18.0.0` (as some packages write it) is one comparator, not two.
      .replace(/(\^|>=|<=|>|<)\s+/g, '$1')
      .split(/\s+/)
      .every((c) => meets(v, c)),
  );

const dependencyEngines = (): [string, string][] =>
  [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies), 'vite'].flatMap((name) => {
    const engines = json(`node_modules/${name}/package.json`)['engines'] as { node?: string } | undefined;
    return engines?.node === undefined ? [] : [[name, engines.node] as [string, string]];
  });

const refusing = (v: Version): string[] =>
  dependencyEngines()
    .filter(([, range]) => !satisfies(v, range))
    .map(([name, range]) => `${name} (${range})`);

describe('engines.node', () => {
  const floors = pkg.engines.node.split('||').map((set) => parse(set.trim().replace(/^(\^|>=)/, '')));

  it('admits, at the floor of each of its ranges and on this machine, every dependency', () => {
    for (const v of [...floors, parse(process.version)]) {
      expect(satisfies(v, pkg.engines.node), v.join('.')).toBe(true);
      expect(refusing(v), v.join('.')).toEqual([]);
    }
  });

  it('refuses the versions just below each floor, which some dependency refuses too', () => {
    for (const v of [
      [20, 18, 0],
      [22, 12, 0],
      [23, 11, 0],
    ] as const) {
      expect(satisfies(v, pkg.engines.node), v.join('.')).toBe(false);
      expect(refusing(v), v.join('.')).not.toEqual([]);
    }
  });
});
