// Replaying a fixture timeline into a workspace: at each instant, the files that exist by then (with
// their recorded mtime) and a process table (<proc>/<pid>/cmdline) of the processes alive then, as
// lib/harness/timeline.ts answers. Nothing here reads the wall clock.
import { promises as fsp, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dirTimesOf, filesAt, processesAt, timelineMs, type Timeline } from '../../lib/harness/timeline.js';

export const loadTimeline = (fixtureDir: string): Timeline =>
  JSON.parse(readFileSync(join(fixtureDir, 'timeline.json'), 'utf8')) as Timeline;

/** Copies every file that exists by `uptoMs` (latest version per path) into root, with its mtime. */
export const materializeFiles = async (t: Timeline, fixtureDir: string, root: string, uptoMs: number) => {
  const latest = filesAt(t, uptoMs);
  for (const f of latest) {
    const target = join(root, f.path);
    await fsp.mkdir(dirname(target), { recursive: true });
    await fsp.copyFile(join(fixtureDir, f.from), target);
    const when = new Date(timelineMs(f.at));
    await fsp.utimes(target, when, when);
  }
  // Directories get the mtime of their newest file, as if the files had been written at their times.
  for (const [d, t0] of dirTimesOf(latest)) await fsp.utimes(join(root, d), new Date(t0), new Date(t0));
};

/** Rewrites `procDir` as the process table at `uptoMs` (`{root}` in argv becomes the workspace root). */
export const materializeProcesses = async (t: Timeline, procDir: string, root: string, uptoMs: number) => {
  await fsp.rm(procDir, { recursive: true, force: true });
  await fsp.mkdir(procDir, { recursive: true });
  for (const p of processesAt(t, root, uptoMs)) {
    await fsp.mkdir(join(procDir, String(p.pid)), { recursive: true });
    await fsp.writeFile(join(procDir, String(p.pid), 'cmdline'), `${p.argv.join('\0')}\0`);
  }
};

/** Sets a file's mtime to a timeline instant (e.g. a marker a command just wrote). */
export const touchAt = async (file: string, iso: string): Promise<void> => {
  const when = new Date(timelineMs(iso));
  await fsp.utimes(file, when, when);
};
