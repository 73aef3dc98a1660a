// Test support for the promotion runner tests: a temp copy of fixtures/fleet-promotion and a command
// table holding only the promotion commands, run in-process at the fixtures' instant.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured, type Ran } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { fleetPromotionCommands } from './promotion-commands.js';

export interface Manifest {
  readonly asOf: string;
  readonly cases: Readonly<
    Record<string, { decision: string; failedGates: string[]; reasonCodes: string[] }>
  >;
}

export const fixturesDir = (): string => join(packageRoot(), 'fixtures', 'fleet-promotion');

export const manifest = (): Manifest =>
  JSON.parse(readFileSync(join(fixturesDir(), 'manifest.json'), 'utf8')) as Manifest;

/** A fresh temp copy of every fixture case; `dispose` removes it. */
export const workCopy = (): { root: string; dispose: () => void } => {
  const root = mkdtempSync(join(tmpdir(), 'opsfold-promotion-'));
  cpSync(fixturesDir(), root, { recursive: true });
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
};

export const fleetDir = (root: string, repo: string): string =>
  join(root, repo, '.superloop', 'ops-manager', 'fleet');

/** Runs `opsfold <argv>` against the promotion commands with cwd `root`. */
export const runPromotion = (
  root: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Ran> =>
  runCaptured(fleetPromotionCommands, argv, { cwd: root, env, now: () => Date.parse(manifest().asOf) });

/** The governance flags a mutating promotion command needs (apply, orchestrate, guarded controller). */
export const GOVERNANCE_FLAGS: readonly string[] = [
  '--by',
  'ops-1',
  '--approval-ref',
  'CHG-9',
  '--rationale',
  'widen',
  '--review-by',
  '2026-04-01T00:00:00Z',
];
