// `loop reconcile` as an operator runs it: a cold process each time. Incremental (+N events on a
// reconciled log) against `node -e 0`; the first full pass against a cold raw read+parse of the same
// file; and the peak RSS of a first pass over large backlogs. Each run is checked against the log: the
// telemetry line it appends must count exactly the events it was given.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { appendEvents, generateRepo, LOOP_ID } from './generate.js';
import { bin, child, CHILD, expect, median, spawnNode } from './spawn.js';
import { mb, n, s, target, x, type Ctx, type PhaseResult } from './phase.js';

export const AS_OF = '2026-02-22T12:00:00Z';

export const reconcileArgs = (repo: string): string[] => [
  'loop',
  'reconcile',
  '--repo',
  repo,
  '--loop',
  LOOP_ID,
  '--as-of',
  AS_OF,
  '--alerts-enabled',
  'false',
];

/** eventsIngested of the last reconcile telemetry line. */
export const ingested = (repo: string): unknown => {
  const file = join(repo, '.superloop', 'ops-manager', LOOP_ID, 'telemetry', 'reconcile.jsonl');
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  return (JSON.parse(lines[lines.length - 1] ?? '{}') as { eventsIngested?: unknown }).eventsIngested;
};

export const incremental = (c: Ctx): PhaseResult => {
  const { reconcileEvents: events, appended, spawns } = c.sizes;
  const { layout } = generateRepo(join(c.dir, 'repo'), events);
  bin(reconcileArgs(layout.repo));
  expect('first pass events ingested', ingested(layout.repo), events);
  const nodeMs: number[] = [];
  const runMs: number[] = [];
  for (let i = 0; i < Math.max(3, spawns); i++) {
    nodeMs.push(spawnNode(['-e', '0']).ms);
    appendEvents(layout.events, appended);
    runMs.push(bin(reconcileArgs(layout.repo)).ms);
    expect(`re-run ${i + 1} events ingested`, ingested(layout.repo), appended);
  }
  const ratio = median(runMs) / median(nodeMs);
  return {
    id: 'incremental',
    title: `incremental reconcile (+${appended} events on ${n(events)}, cold process) vs node -e 0`,
    lines: [
      `loop reconcile median ${s(median(runMs))} (${runMs.map((m) => m.toFixed(0)).join(', ')} ms), ` +
        `node -e 0 median ${s(median(nodeMs))} = ${x(ratio)}`,
    ],
    targets: [
      target('incremental.startup', 'incremental reconcile ≤ 2.5 × node -e 0', x(ratio), ratio <= 2.5),
    ],
    figures: { reconcileMs: median(runMs), nodeMs: median(nodeMs), ratio },
  };
};

export const firstReconcile = (c: Ctx): PhaseResult => {
  const events = c.sizes.reconcileEvents;
  const { layout } = generateRepo(join(c.dir, 'pristine'), events);
  const rawMs: number[] = [];
  const runMs: number[] = [];
  for (let i = 0; i < Math.max(1, Math.min(3, c.sizes.spawns)); i++) {
    const repo = join(c.dir, `run-${i}`);
    cpSync(layout.repo, repo, { recursive: true });
    const raw = spawnNode([CHILD, 'raw', layout.events]);
    expect('raw baseline exit', raw.status, 0);
    expect('raw baseline events', (JSON.parse(raw.stdout) as { events: number }).events, events);
    rawMs.push(raw.ms);
    runMs.push(bin(reconcileArgs(repo)).ms);
    expect('first pass events ingested', ingested(repo), events);
    rmSync(repo, { recursive: true, force: true });
  }
  const ratio = median(runMs) / median(rawMs);
  return {
    id: 'first-reconcile',
    title: `first full reconcile of ${n(events)} events vs a cold raw read+parse (both spawned)`,
    lines: [`loop reconcile ${s(median(runMs))}, raw node read+parse ${s(median(rawMs))} = ${x(ratio)}`],
    targets: [target('first-reconcile.time', 'first reconcile ≤ 1.5 × cold raw', x(ratio), ratio <= 1.5)],
    figures: { reconcileMs: median(runMs), rawMs: median(rawMs), ratio },
  };
};

export const backlog = (c: Ctx): PhaseResult => {
  const rows = c.sizes.backlogs.map((events) => {
    c.progress(`backlog: generating ${n(events)} events`);
    const { layout } = generateRepo(join(c.dir, `backlog-${events}`), events);
    const r = child(['cli', ...reconcileArgs(layout.repo)]);
    expect(`backlog ${events} events ingested`, ingested(layout.repo), events);
    rmSync(layout.repo, { recursive: true, force: true });
    return { events, seconds: r.seconds, rss: r.maxRssMb };
  });
  return {
    id: 'backlog',
    title: 'reconcile of large backlogs (first pass), peak RSS of the process',
    lines: rows.map((r) => `${n(r.events)} events: ${r.seconds.toFixed(3)} s, peak RSS ${mb(r.rss)}`),
    targets: rows.map((r) =>
      target(`backlog.${r.events}`, `reconcile ${n(r.events)} backlog ≤ 200 MB`, mb(r.rss), r.rss <= 200),
    ),
    figures: Object.fromEntries(rows.map((r) => [`rss${r.events}`, r.rss])),
  };
};
