// Full replay (`loop project-state --from-start`) against the raw baseline's throughput, each in its own
// child so each peak RSS is its own; then `loop poll-events --from-start` over the same log, timed
// against the replay. Outputs are checked: every line in the cursor, every event polled once.
import { join } from 'node:path';
import { generateRepo, LOOP_ID, type Layout } from './generate.js';
import { child, expect } from './spawn.js';
import { AS_OF } from './phase-reconcile.js';
import { mb, n, s, target, x, type Ctx, type PhaseResult } from './phase.js';
import { piped } from './piped.js';

const projectArgs = (l: Layout): string[] => [
  'cli',
  'loop',
  'project-state',
  '--repo',
  l.repo,
  '--loop',
  LOOP_ID,
  '--from-start',
  '--as-of',
  AS_OF,
];

const best = <T extends { seconds: number }>(runs: readonly T[]): T =>
  runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

/** Best of `k` interleaved runs of the raw baseline and the replay over an `events`-line log. */
const replayRuns = (l: Layout, events: number, k: number) => {
  const raws = [];
  const replays = [];
  for (let i = 0; i < k; i++) {
    const raw = child(['raw', l.events]);
    expect('raw baseline events', raw.events, events);
    raws.push(raw);
    const r = child(projectArgs(l));
    const doc = JSON.parse(r.stdoutHead) as { cursor?: { eventLineCount?: unknown } };
    expect('project-state cursor.eventLineCount', doc.cursor?.eventLineCount, events);
    replays.push(r);
  }
  return { raw: best(raws), replay: best(replays) };
};

export const replay = (c: Ctx): PhaseResult => {
  const events = c.sizes.replayEvents;
  c.progress(`replay: generating ${n(events)} events`);
  const { layout } = generateRepo(join(c.dir, 'repo'), events);
  const { raw, replay: r } = replayRuns(layout, events, Math.max(1, Math.min(3, c.sizes.spawns)));
  const ratio = raw.seconds / r.seconds;
  const eps = (sec: number) => `${n(Math.round(events / sec))} ev/s`;
  return {
    id: 'replay',
    title: `full replay (loop project-state --from-start) of ${n(events)} events vs raw JSON.parse`,
    lines: [
      `raw baseline ${raw.seconds.toFixed(3)} s (${eps(raw.seconds)}), peak RSS ${mb(raw.maxRssMb)}`,
      `replay       ${r.seconds.toFixed(3)} s (${eps(r.seconds)}), peak RSS ${mb(r.maxRssMb)} = ${x(ratio)} the raw throughput`,
    ],
    targets: [
      target('replay.throughput', 'full replay ≥ 0.8 × raw throughput', x(ratio), ratio >= 0.8),
      target('replay.rss', 'full replay peak RSS ≤ 150 MB', mb(r.maxRssMb), r.maxRssMb <= 150),
    ],
    figures: {
      rawSeconds: raw.seconds,
      replaySeconds: r.seconds,
      ratio,
      rawRss: raw.maxRssMb,
      rss: r.maxRssMb,
    },
  };
};

export const poll = async (c: Ctx): Promise<PhaseResult> => {
  const events = c.sizes.replayEvents;
  c.progress(`poll: generating ${n(events)} events`);
  const { layout } = generateRepo(join(c.dir, 'repo'), events);
  const { replay: r } = replayRuns(layout, events, 1);
  const cursor = join(layout.repo, 'bench.cursor.json');
  const args = ['loop', 'poll-events', '--repo', layout.repo, '--loop', LOOP_ID, '--from-start'];
  const p = await piped([...args, '--cursor-file', cursor, '--as-of', AS_OF]);
  expect('poll-events lines', p.lines, events);
  // Both spawned, both timed from the parent: node's start-up is in each.
  const ratio = p.ms / r.wallMs;
  const rss = p.maxRssMb ?? Number.NaN;
  // Under load the wall time is mostly waiting for the pipe's reader to be scheduled; CPU is the work.
  const cpuRatio = (p.cpuSeconds ?? Number.NaN) / r.cpuSeconds;
  return {
    id: 'poll',
    title: `loop poll-events --from-start over ${n(events)} events, stdout on a pipe (as it is today)`,
    lines: [
      `poll-events ${s(p.ms)}, ${mb(p.bytes / 2 ** 20)} of envelopes, peak RSS ${mb(rss)}; ` +
        `full replay ${s(r.wallMs)} (both spawned) = ${x(ratio)} the replay's time`,
      `CPU (user + system): poll-events ${(p.cpuSeconds ?? Number.NaN).toFixed(2)} s, replay ` +
        `${r.cpuSeconds.toFixed(2)} s = ${x(cpuRatio)} (not a target: the reader shares the machine)`,
    ],
    targets: [
      target('poll.time', 'poll --from-start ≤ 1.5 × full replay', x(ratio), ratio <= 1.5),
      target('poll.rss', 'poll --from-start peak RSS ≤ 150 MB', mb(rss), rss <= 150),
    ],
    figures: { pollMs: p.ms, replayMs: r.wallMs, ratio, rss, cpuRatio },
  };
};
