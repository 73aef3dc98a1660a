// Purity is enforced, not hoped for: the kernel and every domain's reducers may not touch the
// file system, the clock, randomness or the environment. lib/io and runners/ are the effectful edge.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const impureImports = {
  patterns: [
    {
      group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process'],
      message: 'Reducers are pure: effects belong in lib/io or runners/.',
    },
    { group: ['rxjs', 'rxjs/*'], message: 'Streams belong in lib/io; reducers take plain values.' },
    { group: ['**/io/*', '../io/*', '../../io/*'], message: 'Pure code may not import the effectful edge.' },
  ],
};
const impureGlobals = [
  { object: 'Date', property: 'now', message: 'Reducers receive asOf; they never read a clock.' },
  { object: 'Math', property: 'random', message: 'Reducers are deterministic.' },
];

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
    files: ['lib/{core,loop,alerts,fleet,harness,queue,cycle,runbook,dashboard}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', impureImports],
      'no-restricted-properties': ['error', ...impureGlobals],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Pure code never reads the environment.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Reducers receive asOf; they never read a clock.',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'property-tests/**', 'bench/**'],
    rules: { 'max-lines': 'off', complexity: 'off', 'max-params': 'off' },
  },
);
