// Purity is enforced, not hoped for: the kernel and every domain's reducers may not touch the
// file system, the clock, randomness, timers, the console or the environment. lib/io and runners/
// are the effectful edge. The pure block matches by glob, so a new lib/<domain>/ or lib/*.ts is
// covered the day it is created; lint-guards.test.ts proves it.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  group: ['node:*', ...builtinModules, ...builtinModules.map((m) => `${m}/*`)],
  message: 'Reducers are pure: effects belong in lib/io or runners/.',
};
// A type-only import of an edge interface (Store, Source, CheckpointStore, Effect) is allowed: a lib
// step shared by two domains receives the edge as a parameter, and a type carries no effect.
const ioEdge = {
  group: ['**/io/*', '../io/*', '../../io/*'],
  allowTypeImports: true,
  message: 'Pure code may not import the effectful edge (a type-only import of its interfaces is fine).',
};
const impureImports = {
  patterns: [
    nodeBuiltins,
    { group: ['rxjs', 'rxjs/*'], message: 'Streams belong in lib/io; reducers take plain values.' },
    ioEdge,
  ],
};
const clock = 'Reducers receive asOf; they never read a clock.';
const impureGlobals = [
  { object: 'Date', property: 'now', message: clock },
  { object: 'performance', property: 'now', message: clock },
  { object: 'Math', property: 'random', message: 'Reducers are deterministic.' },
];
const timer = 'Pure code never schedules work: the runner owns time.';
const impureGlobalNames = [
  { name: 'process', message: 'Pure code never reads the environment.' },
  { name: 'console', message: 'Pure code returns what to say; the runner prints it.' },
  ...['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask'].map((name) => ({
    name,
    message: timer,
  })),
];
// globalThis.x is the same global by another spelling.
const viaGlobalThis = impureGlobalNames.map(({ name, message }) => ({
  object: 'globalThis',
  property: name,
  message,
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'fixtures/**', 'contracts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 250, skipBlankLines: true, skipComments: true }],
      'max-depth': ['error', 3],
      'max-params': ['error', 4],
      complexity: ['error', 12],
    },
  },
  {
    // castore's file budget; lib/ already meets it (runners/ keeps 250 until replay.ts is split).
    // A domain's index.ts is its public export list, no logic: it grows with the domain's surface.
    files: ['lib/**/*.ts'],
    ignores: ['**/*.test.ts', 'lib/*/index.ts'],
    rules: { 'max-lines': ['error', { max: 200, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/io/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', impureImports],
      'no-restricted-properties': ['error', ...impureGlobals, ...viaGlobalThis],
      'no-restricted-globals': ['error', ...impureGlobalNames],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: clock },
      ],
    },
  },
  {
    // The package root re-exports the io edge as public surface; it holds no logic of its own.
    files: ['lib/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: impureImports.patterns.filter((p) => p !== ioEdge) }],
    },
  },
  {
    files: ['**/*.test.ts', 'property-tests/**', 'bench/**'],
    rules: { 'max-lines': 'off', complexity: 'off', 'max-params': 'off' },
  },
);
