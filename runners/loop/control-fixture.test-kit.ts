// Test support (imported by *.int.test.ts only): a fresh copy of fixtures/loop-control for each test,
// and the readers and command lines the loop control and service tests share.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** The current test's copy of the fixture trees; `work` is read inside a test (or a hook). */
export interface ControlFixture {
  readonly work: string;
}

/** Copies fixtures/loop-control into a new `<prefix>*` temp dir before each test, removed after it. */
export const useControlFixture = (prefix: string): ControlFixture => {
  let work = '';
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), prefix));
    cpSync(new URL('../../fixtures/loop-control', import.meta.url), work, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));
  return {
    get work() {
      return work;
    },
  };
};

/** The records of a JSONL file ([] when missing). */
export const lines = (file: string): Record<string, unknown>[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];

/** `loop control` cancelling the `running` fixture over sprite_service at `baseUrl`, then `rest`. */
export const spriteCancel = (baseUrl: string, ...rest: string[]): string[] => [
  'loop',
  'control',
  '--repo',
  'running',
  '--loop',
  'running',
  '--intent',
  'cancel',
  '--transport',
  'sprite_service',
  '--service-base-url',
  baseUrl,
  ...rest,
];
