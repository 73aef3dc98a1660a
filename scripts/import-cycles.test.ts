import { describe, expect, it } from 'vitest';
import { cyclesOf, importsOf } from './import-cycles.js';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('importsOf', () => {
  const text = [
    "import type { A } from './a.js';",
    "import { b } from '../up/b.js';",
    "import fg from 'fast-glob';",
    "export { c } from './c.js';",
    "const d = () => import('./d.js');",
  ].join('\n');

  it('resolves relative value, type, re-export and dynamic imports to .ts files that exist', () => {
    expect(importsOf('lib/x/m.ts', text, () => true)).toEqual([
      'lib/x/a.ts',
      'lib/up/b.ts',
      'lib/x/c.ts',
      'lib/x/d.ts',
    ]);
  });

  it('drops specifiers that name no project file', () => {
    expect(importsOf('lib/x/m.ts', text, (p) => p === 'lib/x/c.ts')).toEqual(['lib/x/c.ts']);
  });
});

describe('cyclesOf', () => {
  it('finds nothing in a tree', () => {
    expect(cyclesOf(graph({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('names each ring once, however it is entered', () => {
    const g = graph({ a: ['b'], b: ['c'], c: ['a', 'd'], d: ['e'], e: ['d'], f: ['f'], g: ['a'] });
    expect(cyclesOf(g)).toEqual([['a', 'b', 'c'], ['d', 'e'], ['f']]);
  });
});
