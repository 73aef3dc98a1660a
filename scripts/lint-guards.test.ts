// The purity rules match lib/** by glob; these cases prove a folder or file created tomorrow is
// covered without editing eslint.config.js, and that the effectful edge stays allowed.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const impure = [
  "import { readFileSync } from 'node:fs';",
  "import { join } from 'path';",
  "import { Subject } from 'rxjs';",
  "import { appendLine } from '../io/append.js';",
  'export const a = Date.now() + Math.random() + performance.now();',
  'export const b = new Date();',
  'export const c = process.env.HOME;',
  "console.log('x');",
  'setTimeout(() => 1, 1);',
  'setInterval(() => 1, 1);',
  'setImmediate(() => 1);',
  'queueMicrotask(() => 1);',
  "globalThis.console.log('x');",
  'export { readFileSync, join, Subject, appendLine };',
].join('\n');

let eslint: ESLint;
const purityRules = (messages: readonly ESLint.LintResult['messages'][number][]): string[] =>
  messages.map((m) => `${m.line}:${m.ruleId ?? 'fatal'}`).filter((r) => !r.endsWith('no-undef'));

const lint = async (filePath: string): Promise<string[]> => {
  const [result] = await eslint.lintText(impure, { filePath });
  return purityRules(result?.messages ?? []);
};

beforeAll(() => {
  eslint = new ESLint();
});

describe('when a pure file is placed in a lib folder that does not exist yet', () => {
  it('reports every effect: imports, clock, randomness, environment, console and timers', async () => {
    expect(await lint('lib/newdomain/reducer.ts')).toEqual([
      '1:no-restricted-imports',
      '2:no-restricted-imports',
      '3:no-restricted-imports',
      '4:no-restricted-imports',
      '5:no-restricted-properties',
      '5:no-restricted-properties',
      '5:no-restricted-properties',
      '6:no-restricted-syntax',
      '7:no-restricted-globals',
      '8:no-restricted-globals',
      '9:no-restricted-globals',
      '10:no-restricted-globals',
      '11:no-restricted-globals',
      '12:no-restricted-globals',
      '13:no-restricted-properties',
    ]);
  });
});

describe('when pure code names an edge interface', () => {
  it('may import its type, never a value of the edge', async () => {
    const [typed] = await eslint.lintText(
      "import type { Store } from '../io/store.js';\nexport type S = Store;\n",
      {
        filePath: 'lib/newdomain/step.ts',
      },
    );
    expect(purityRules(typed?.messages ?? [])).toEqual([]);
    const [valued] = await eslint.lintText(
      "import { fileStore } from '../io/store.js';\nexport const s = fileStore;\n",
      {
        filePath: 'lib/newdomain/step.ts',
      },
    );
    expect(purityRules(valued?.messages ?? [])).toEqual(['1:no-restricted-imports']);
  });
});

describe('when a file is placed directly under lib/ or in a nested folder', () => {
  it('is held to the same rules', async () => {
    const expected = await lint('lib/newdomain/reducer.ts');
    expect(await lint('lib/new-top-level.ts')).toEqual(expected);
    expect(await lint('lib/testing/new-kit.ts')).toEqual(expected);
    expect(await lint('lib/loop/deeper/still-pure.ts')).toEqual(expected);
  });
});

describe('when the file is on the effectful edge', () => {
  it('allows effects in lib/io and runners', async () => {
    expect(await lint('lib/io/new-reader.ts')).toEqual([]);
    expect(await lint('runners/newdomain/command.ts')).toEqual([]);
  });
});
