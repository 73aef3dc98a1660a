// Drives a fixture timeline through the real commands: at each dispatch and step instant it materializes
// the workspace as it was then, runs the step's commands with --as-of, pins the mtime of every file the
// commands wrote to that instant (as if written then), and reports what each command printed.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { Command, Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { timelineMs, type Timeline, type TimelineStep } from '../../lib/harness/timeline.js';
import { loadTimeline, materializeFiles, materializeProcesses, touchAt } from './timeline.js';
import { emptyResult, record, type Parsed, type StepResult } from './replay-record.js';

interface Ctx {
  readonly commands: readonly Command[];
  readonly io: Omit<Io, 'stdout' | 'stderr'>;
  readonly root: string;
  readonly proc: string;
  readonly fixture: string;
}

const mtimes = async (dir: string): Promise<Map<string, number>> => {
  const out = new Map<string, number>();
  for (const name of await fsp.readdir(dir).catch(() => [] as string[]))
    out.set(name, (await fsp.stat(join(dir, name))).mtimeMs);
  return out;
};

/** Runs argv; files the run wrote under memory/events get the step's instant as mtime. */
const runAt = async (c: Ctx, argv: string[], at: string) => {
  const events = join(c.root, 'memory', 'events');
  const before = await mtimes(events);
  const r = await runCaptured(c.commands, [...argv, '--as-of', at], c.io);
  for (const [name, ms] of await mtimes(events))
    if (before.get(name) !== ms) await touchAt(join(events, name), at);
  return r;
};

const fill = (c: Ctx, args: readonly string[]) =>
  args.map((a) => a.replaceAll('{root}', c.root).replaceAll('{fixture}', c.fixture));

const observeArgs = (c: Ctx, t: Timeline, noSession: boolean) => [
  'harness',
  'observe',
  '--root',
  c.root,
  ...t.tasks.flatMap((id) => ['--task', id]),
  ...(noSession ? ['--sessions-file', join(c.root, '..', 'no-sessions.json')] : ['--proc-root', c.proc]),
];

const runStep = async (c: Ctx, t: Timeline, step: TimelineStep): Promise<StepResult> => {
  const res = emptyResult(step);
  for (const kind of step.run) {
    const argv =
      kind === 'watchdog'
        ? ['harness', 'watchdog', '--root', c.root, '--proc-root', c.proc]
        : kind === 'collect'
          ? ['harness', 'collect', '--root', c.root]
          : observeArgs(c, t, kind === 'observe-no-session');
    const r = await runAt(c, argv, step.at);
    if (r.code !== 0) (res.failures as string[]).push(`${kind}: exit ${r.code}: ${r.stderr.trim()}`);
    // A watchdog that could not deliver still printed its cycle before exiting 1.
    if (r.stdout.trim() !== '') record(res, kind, JSON.parse(r.stdout) as Parsed);
  }
  return res;
};

/** Replays the timeline of `fixture` in `work` (root = work/root, process table = work/proc). */
export const replayTimeline = async (
  commands: readonly Command[],
  io: Omit<Io, 'stdout' | 'stderr'>,
  fixture: string,
  work: string,
): Promise<{ root: string; results: StepResult[] }> => {
  const t = loadTimeline(fixture);
  const c: Ctx = { commands, io, fixture, root: join(work, 'root'), proc: join(work, 'proc') };
  await fsp.mkdir(c.root, { recursive: true });
  await fsp.writeFile(join(work, 'no-sessions.json'), '{"processes":[]}\n');
  const moments = [
    ...t.dispatches.map((d) => ({ at: d.at, dispatch: d.args, step: null })),
    ...t.steps.map((s) => ({ at: s.at, dispatch: null, step: s })),
  ].sort((a, b) => timelineMs(a.at) - timelineMs(b.at));
  const results: StepResult[] = [];
  for (const m of moments) {
    await materializeFiles(t, fixture, c.root, timelineMs(m.at));
    await materializeProcesses(t, c.proc, c.root, timelineMs(m.at));
    if (m.dispatch !== null) {
      const r = await runAt(
        c,
        ['harness', 'dispatch-marker', '--root', c.root, ...fill(c, m.dispatch)],
        m.at,
      );
      if (r.code !== 0) throw new Error(`dispatch at ${m.at} failed: ${r.stderr}`);
    }
    if (m.step !== null) results.push(await runStep(c, t, m.step));
  }
  return { root: c.root, results };
};
