// Test support (imported by *.int.test.ts only): temp copies of the fixture fleets, the fleet
// commands on an injected clock (sleep advances it, nothing waits), and readers for what they wrote.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { runCaptured, type Ran } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { makeFleetCommands } from './commands.js';

export const AS_OF = '2026-02-23T13:00:00Z';

export interface Kit {
  readonly work: string;
  /** Copies fixtures/fleet/<name> to <work>/<name>; returns its path. */
  fixture(name: string): string;
  run(argv: readonly string[], env?: Record<string, string>): Promise<Ran>;
  /** Runs and parses stdout, failing with stderr when the exit code is not 0. */
  json(argv: readonly string[], env?: Record<string, string>): Promise<Record<string, unknown>>;
  dispose(): void;
}

const makeKit = (): Kit => {
  const work = mkdtempSync(join(tmpdir(), 'opsfold-fleet-'));
  let t = Date.parse(AS_OF);
  const sleep = async (ms: number) => {
    t += ms;
  };
  const commands = makeFleetCommands({ sleep });
  const run = (argv: readonly string[], env: Record<string, string> = {}) =>
    runCaptured(commands, argv, { cwd: work, env, now: () => t });
  return {
    work,
    fixture: (name) => {
      const dest = join(work, name);
      cpSync(join(packageRoot(), 'fixtures', 'fleet', name), dest, { recursive: true });
      return dest;
    },
    run,
    json: async (argv, env) => {
      const r = await run(argv, env);
      if (r.code !== 0) throw new Error(`${argv.slice(0, 2).join(' ')} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as Record<string, unknown>;
    },
    dispose: () => rmSync(work, { recursive: true, force: true }),
  };
};

/** A fresh kit for each test of the file (or block), disposed after it; read it inside tests. */
export const useKit = (): Kit => {
  let current: Kit | undefined;
  beforeEach(() => {
    current = makeKit();
  });
  afterEach(() => current?.dispose());
  const kit = (): Kit => {
    if (current === undefined) throw new Error('the fleet kit is made before each test: use it inside one');
    return current;
  };
  return {
    get work() {
      return kit().work;
    },
    fixture: (name) => kit().fixture(name),
    run: (argv, env) => kit().run(argv, env),
    json: (argv, env) => kit().json(argv, env),
    dispose: () => kit().dispose(),
  };
};

/** `fleet handoff --repo <repo> --as-of AS_OF <args>`, parsed (see Kit.json). */
export const handoffJson = (
  kit: Kit,
  repo: string,
  args: readonly string[],
  env?: Record<string, string>,
): Promise<Record<string, unknown>> =>
  kit.json(['fleet', 'handoff', '--repo', repo, '--as-of', AS_OF, ...args], env);

/** The fleet file under a repo. */
export const fleetFile = (repo: string, ...p: string[]): string =>
  join(repo, '.superloop', 'ops-manager', 'fleet', ...p);

/** A JSON document. */
export const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/** The records of a JSONL file ([] when missing). */
export const jsonl = (file: string): Record<string, unknown>[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];

/** Looks up a nested value by path (for terse assertions on printed documents). */
export const pick = (v: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>(
    (cur, k) => (cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined),
    v,
  );
