// The three measured phases. Why each checks its own output: a benchmark of a fold that silently read
// the wrong number of lines would be a fast lie, so (a) must parse every event, (b) must report every
// line in its cursor, and (c) must emit exactly the appended events and count them in the new state.
import { baseline } from './baseline.js';
import { appendEvents, LOOP_ID, type Layout } from './generate.js';
import { CheckFailed, phase, repeatTimed, runCli, type CliRun } from './measure.js';
import type { Report, Timed } from './report.js';

const AS_OF = '2026-02-22T12:00:00Z';

export interface Ctx {
  readonly layout: Layout;
  readonly events: number;
  readonly repeat: number;
  readonly gc: (() => void) | null;
  readonly progress: (line: string) => void;
}

const expect = (what: string, got: unknown, want: unknown): void => {
  if (got !== want) throw new CheckFailed(`${what}: expected ${String(want)}, got ${String(got)}`);
};

const stateLines = (run: CliRun): unknown => {
  const doc = JSON.parse(run.stdout.text) as { cursor?: { eventLineCount?: unknown } };
  return doc.cursor?.eventLineCount;
};

type Rss = { maxRssMb: number; sampledPeakMb: number; rssAtStartMb: number };

const timed = (events: number, runs: readonly number[], rss: Rss): Timed => {
  const seconds = Math.min(...runs);
  const { maxRssMb, sampledPeakMb, rssAtStartMb } = rss;
  return { seconds, runs, eventsPerSec: events / seconds, maxRssMb, sampledPeakMb, rssAtStartMb };
};

/** (a) stream + split + JSON.parse, best of `repeat`. */
export const rawBaseline = async (c: Ctx): Promise<Timed> => {
  c.progress('(a) raw baseline');
  const p = await phase(c.gc, () => repeatTimed(c.repeat, c.gc, () => baseline(c.layout.events)));
  expect('(a) parsed events', p.value.value.events, c.events);
  return timed(c.events, p.value.runs, p);
};

const projectArgs = (c: Ctx, fromStart: boolean): string[] => [
  'loop',
  'project-state',
  '--repo',
  c.layout.repo,
  '--loop',
  LOOP_ID,
  ...(fromStart ? ['--from-start'] : []),
  '--as-of',
  AS_OF,
];

const pollArgs = (c: Ctx): string[] => [
  'loop',
  'poll-events',
  '--repo',
  c.layout.repo,
  '--loop',
  LOOP_ID,
  '--cursor-file',
  `${c.layout.repo}/bench.cursor.json`,
  '--as-of',
  AS_OF,
];

/** (b) `loop project-state --from-start` in-process: fold, snapshot, state file, checkpoint; best of `repeat`. */
export const fullReplay = async (c: Ctx, a: Timed): Promise<Report['fullReplay']> => {
  c.progress('(b) loop project-state --from-start');
  const p = await phase(c.gc, () => repeatTimed(c.repeat, c.gc, () => runCli(projectArgs(c, true))));
  expect('(b) cursor.eventLineCount', stateLines(p.value.value), c.events);
  const t = timed(c.events, p.value.runs, p);
  return { ...t, ratioToBaseline: t.eventsPerSec / a.eventsPerSec };
};

interface Round {
  readonly poll: number;
  readonly project: number;
  readonly bytes: number;
}

/** One round of (c): append, poll-events, resumed project-state; checks both outputs. */
const round = async (c: Ctx, appended: number, total: number): Promise<Round> => {
  const bytes = appendEvents(c.layout.events, appended);
  c.gc?.();
  const poll = await runCli(pollArgs(c));
  const project = await runCli(projectArgs(c, false));
  expect('(c) events polled after the append', poll.stdout.lines, appended);
  expect('(c) cursor.eventLineCount after the append', stateLines(project), total);
  return { poll: poll.seconds, project: project.seconds, bytes };
};

/**
 * (c) one untimed poll to the end, then `repeat` rounds of (append, timed poll-events + resumed
 * project-state); the best round is reported, like (a) and (b).
 */
export const incremental = async (c: Ctx, b: Timed, appended: number): Promise<Report['incremental']> => {
  c.progress('(c) warm-up poll over the whole log (untimed)');
  c.gc?.();
  const warm = await runCli(pollArgs(c));
  expect('(c) warm-up poll lines', warm.stdout.lines, c.events);
  c.progress(`(c) ${c.repeat} x (append ${appended} events; poll-events + project-state)`);
  const p = await phase(c.gc, async () => {
    const rounds: Round[] = [];
    for (let k = 1; k <= c.repeat; k++) rounds.push(await round(c, appended, c.events + k * appended));
    return rounds;
  });
  const runs = p.value.map((r) => r.poll + r.project);
  const best = p.value[runs.indexOf(Math.min(...runs))] as Round;
  const seconds = best.poll + best.project;
  return {
    appendedEvents: appended,
    appendedBytes: best.bytes,
    warmupPollSeconds: warm.seconds,
    warmupPollBytes: warm.stdout.bytes,
    pollSeconds: best.poll,
    projectSeconds: best.project,
    seconds,
    runs,
    eventsPerSec: appended / seconds,
    percentOfFull: (seconds / b.seconds) * 100,
    maxRssMb: p.maxRssMb,
    sampledPeakMb: p.sampledPeakMb,
    rssAtStartMb: p.rssAtStartMb,
  };
};
