// Test support (imported by *.int.test.ts only): the healthy fixture fleet three times over, as the
// file-based manager reads it, as the loops' machine ships it, and as a manager with no events logs
// (it can only read the stream); shipping every loop of it; running a command in a repo.
import fs from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { commands } from '../commands.js';

export const AS_OF = '2026-02-23T13:00:00Z';
export const FLEET_ID = 'build-fleet';
export const LOOPS = ['loop-alpha', 'loop-beta', 'loop-gamma'];

export const runIn = (cwd: string, argv: string[]) =>
  runCaptured(commands, argv, { cwd, env: {}, now: () => Date.parse(AS_OF) });

export const eventsOf = (repo: string, loop: string): string =>
  join(repo, '.superloop', 'loops', loop, 'events.jsonl');

/** Copies of the healthy fleet: `file` and `runtime` with their events logs, `manager` without. */
export const fleetRepos = (tempDir: () => string) => {
  const copy = (events: boolean) => {
    const repo = tempDir();
    fs.cpSync(join(packageRoot(), 'fixtures', 'fleet', 'healthy'), repo, { recursive: true });
    if (!events) for (const loop of LOOPS) fs.rmSync(eventsOf(repo, loop));
    return repo;
  };
  return { file: copy(true), runtime: copy(true), manager: copy(false) };
};

/** Ships every loop of `repo` under the fleet's id; each ship must succeed. */
export const shipFleet = async (repo: string, url: string, extra: string[] = []): Promise<void> => {
  for (const loop of LOOPS) {
    const r = await runIn(repo, [
      'ship',
      '--repo',
      repo,
      '--loop',
      loop,
      '--nats',
      url,
      '--fleet',
      FLEET_ID,
      ...extra,
    ]);
    expect({ loop, code: r.code, stderr: r.stderr }).toEqual({ loop, code: 0, stderr: '' });
  }
};
