// Replaying a fixture timeline (fixtures/harness/*/timeline.json) into a workspace: at each instant, the
// files that exist by then (the latest version of each, with its recorded mtime) and a process table
// (<proc>/<pid>/cmdline) of the processes alive then. The demo and the tests step through time with it;
// nothing here reads the wall clock.
import { promises as fsp, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseIso } from '../../lib/core/time.js';

export interface TimelineFile {
  readonly path: string;
  readonly at: string;
  readonly from: string;
}

export interface TimelineProcess {
  readonly pid: number;
  readonly from: string;
  readonly until: string | null;
  readonly argv: readonly string[];
}

export interface TimelineStep {
  readonly at: string;
  readonly label: string;
  readonly run: readonly string[];
  readonly expect?: Readonly<Record<string, unknown>>;
}

export interface Timeline {
  readonly tasks: readonly string[];
  readonly files: readonly TimelineFile[];
  readonly processes: readonly TimelineProcess[];
  readonly dispatches: readonly { readonly at: string; readonly args: readonly string[] }[];
  readonly steps: readonly TimelineStep[];
}

export const loadTimeline = (fixtureDir: string): Timeline =>
  JSON.parse(readFileSync(join(fixtureDir, 'timeline.json'), 'utf8')) as Timeline;

const ms = (iso: string): number => {
  const t = parseIso(iso);
  if (t === null) throw new Error(`timeline: not an RFC 3339 time: ${iso}`);
  return t;
};

/** Copies every file that exists by `uptoMs` (latest version per path) into root, with its mtime. */
export const materializeFiles = async (t: Timeline, fixtureDir: string, root: string, uptoMs: number) => {
  const latest = new Map<string, TimelineFile>();
  for (const f of [...t.files].sort((a, b) => ms(a.at) - ms(b.at)))
    if (ms(f.at) <= uptoMs) latest.set(f.path, f);
  for (const f of latest.values()) {
    const target = join(root, f.path);
    await fsp.mkdir(dirname(target), { recursive: true });
    await fsp.copyFile(join(fixtureDir, f.from), target);
    const when = new Date(ms(f.at));
    await fsp.utimes(target, when, when);
  }
  // Directories get the mtime of their newest file, as if the files had been written at their times.
  const dirs = new Map<string, number>();
  for (const f of latest.values())
    for (let d = dirname(f.path); d !== '.' && d !== '/'; d = dirname(d))
      dirs.set(d, Math.max(dirs.get(d) ?? 0, ms(f.at)));
  for (const [d, t0] of dirs) await fsp.utimes(join(root, d), new Date(t0), new Date(t0));
};

/** Rewrites `procDir` as the process table at `uptoMs` (`{root}` in argv becomes the workspace root). */
export const materializeProcesses = async (t: Timeline, procDir: string, root: string, uptoMs: number) => {
  await fsp.rm(procDir, { recursive: true, force: true });
  await fsp.mkdir(procDir, { recursive: true });
  for (const p of t.processes) {
    if (ms(p.from) > uptoMs || (p.until !== null && ms(p.until) <= uptoMs)) continue;
    await fsp.mkdir(join(procDir, String(p.pid)), { recursive: true });
    const argv = p.argv.map((a) => a.replaceAll('{root}', root));
    await fsp.writeFile(join(procDir, String(p.pid), 'cmdline'), `${argv.join('\0')}\0`);
  }
};

/** Sets a file's mtime to a timeline instant (e.g. a marker a command just wrote). */
export const touchAt = async (file: string, iso: string): Promise<void> => {
  const when = new Date(ms(iso));
  await fsp.utimes(file, when, when);
};

export const timelineMs = ms;
