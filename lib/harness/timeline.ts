// A fixture timeline (fixtures/harness/*/timeline.json) at an instant: the files that exist by then
// (the latest version of each, with its recorded time), the mtime each directory then has (its newest
// file's), and the process table of the processes alive then. The demo and the tests step through time
// with it; the runner writes what this answers into a workspace.
import { parseIso } from '../core/time.js';

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

/** A timeline instant in epoch ms; a timeline with another kind of time is a broken fixture. */
export const timelineMs = (iso: string): number => {
  const t = parseIso(iso);
  if (t === null) throw new Error(`timeline: not an RFC 3339 time: ${iso}`);
  return t;
};

/** The latest version of each file that exists by `uptoMs`. */
export const filesAt = (t: Timeline, uptoMs: number): TimelineFile[] => {
  const latest = new Map<string, TimelineFile>();
  for (const f of [...t.files].sort((a, b) => timelineMs(a.at) - timelineMs(b.at)))
    if (timelineMs(f.at) <= uptoMs) latest.set(f.path, f);
  return [...latest.values()];
};

const parentOf = (path: string): string => {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '.' : path.slice(0, slash);
};

/** Each directory above the files (relative, `/`-separated) with the time of its newest file. */
export const dirTimesOf = (files: readonly TimelineFile[]): Map<string, number> => {
  const dirs = new Map<string, number>();
  for (const f of files)
    for (let d = parentOf(f.path); d !== '.' && d !== '/'; d = parentOf(d))
      dirs.set(d, Math.max(dirs.get(d) ?? 0, timelineMs(f.at)));
  return dirs;
};

/** The processes alive at `uptoMs`, each argv with `{root}` as the workspace root. */
export const processesAt = (t: Timeline, root: string, uptoMs: number): TimelineProcess[] =>
  t.processes
    .filter((p) => timelineMs(p.from) <= uptoMs && (p.until === null || timelineMs(p.until) > uptoMs))
    .map((p) => ({ ...p, argv: p.argv.map((a) => a.replaceAll('{root}', root)) }));
