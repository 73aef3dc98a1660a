// The dashboard part of `npm run demo`: starts `opsfold dashboard` in-process on a copy of
// fixtures/dashboard/three-loops (127.0.0.1, a free port), reads the overview and the critical
// loop's reasons through the JSON API the page uses, appends an event and shows the row change.
import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import type { Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { loopSteps } from '../loop-steps.js';
import { makeDashboard } from './dashboard.js';
import type { RunningDashboard } from './options.js';

const AS_OF = '2026-02-22T12:00:00Z';

interface DemoRow {
  loopId: string;
  level: string;
  health: { reasonCodes: string[] };
  lastEventAgeSeconds: number | null;
  escalations: { open: number };
}

const json = async (d: RunningDashboard, path: string): Promise<Record<string, unknown>> =>
  (await (await fetch(new URL(path, d.url))).json()) as Record<string, unknown>;

const rowsText = (rows: readonly DemoRow[]): string =>
  rows
    .map(
      (r) =>
        `  ${r.loopId.padEnd(14)} ${r.level.padEnd(9)} last event ${String(r.lastEventAgeSeconds ?? '-').padStart(5)} s ago` +
        `  open escalations ${r.escalations.open}  ${r.health.reasonCodes.join(',')}`.trimEnd(),
    )
    .join('\n');

/** Runs the dashboard on a copy of the three-loops fixture under `work`; returns what its API answered. */
export async function dashboardDemo(io: Omit<Io, 'stdout' | 'stderr'>, work: string): Promise<string> {
  const repo = join(work, 'dashboard-three-loops');
  cpSync(join(packageRoot(), 'fixtures', 'dashboard', 'three-loops'), repo, { recursive: true });
  const ticks = new Subject<void>();
  let listening!: (d: RunningDashboard) => void;
  const ready = new Promise<RunningDashboard>((resolve) => (listening = resolve));
  const cmd = makeDashboard({
    loop: loopSteps(async () => undefined),
    // The demo reads loop rows only; the domain views (the other commands) are not shown.
    commands: async () => [],
    ticks: () => ticks,
    onListening: (d) => listening(d),
  });
  const argv = ['dashboard', '--repo', repo, '--port', '0', '--as-of', AS_OF];
  const done = runCaptured([cmd], argv, { ...io, cwd: repo });
  const d = await ready;
  try {
    const before = (await json(d, '/api/loops')).rows as DemoRow[];
    const detail = await json(d, '/api/loops/critical-loop');
    const reasons = (detail.health as { reasons: { code: string; observed: string; threshold: string }[] })
      .reasons;
    const line = {
      timestamp: '2026-02-22T11:59:50Z',
      event: 'role_start',
      loop_id: 'critical-loop',
      data: {},
    };
    appendFileSync(join(repo, '.superloop/loops/critical-loop/events.jsonl'), `${JSON.stringify(line)}\n`);
    await d.refresh();
    const after = ((await json(d, '/api/loops')).rows as DemoRow[]).find((r) => r.loopId === 'critical-loop');
    return [
      `dashboard: fixtures/dashboard/three-loops served on 127.0.0.1 (a free port, read-only), as of ${AS_OF}`,
      '',
      '$ GET /api/loops   (unhealthy first)',
      rowsText(before),
      '',
      '$ GET /api/loops/critical-loop   (why it is critical)',
      ...reasons.map((r) => `  ${r.code}: observed ${r.observed}, threshold ${r.threshold}`),
      '',
      '$ append one event to critical-loop/events.jsonl, then GET /api/loops (health follows at the next reconcile)',
      after === undefined ? '  (row missing)' : rowsText([after]),
      '',
    ].join('\n');
  } finally {
    await d.close();
    await done;
  }
}
