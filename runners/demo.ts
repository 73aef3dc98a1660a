// opsfold demo: copies the shipped fixtures to a temp dir (the fixtures themselves are never
// written), runs `loop snapshot` and `loop project-state` on every loop through the real command
// table, and prints one row per loop: lifecycle, divergence flags, events, and any error or note.
// Then each domain's own section (reconcile + status, observability, control, …) on its fixtures.
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command, Io } from './cli/command.js';
import { asOfFlag } from './cli/clock.js';
import { runCaptured } from './cli/capture.js';
import { packageRoot } from './cli/package-root.js';
import { writeOut } from './cli/write-out.js';
import { renderTable, type DemoRow } from './demo-table.js';
import { loopSnapshot } from './loop/snapshot.js';
import { loopProjectState } from './loop/project-state.js';
import { loopPollEvents } from './loop/poll-events.js';
import { demoSections } from './demo-sections.js';

const run = (io: Io, argv: string[]) =>
  runCaptured([loopSnapshot, loopPollEvents, loopProjectState], argv, io);

const flagsOf = (state: { divergence: { flags: Record<string, boolean> } }): string =>
  Object.entries(state.divergence.flags)
    .filter(([, on]) => on)
    .map(([name]) => name)
    .join(',') || '-';

const rowFor = async (io: Io, repo: string, fixture: string, asOf: string): Promise<DemoRow> => {
  const loop = readdirSync(join(repo, '.superloop', 'loops'))[0] ?? '?';
  const base = ['--repo', repo, '--loop', loop, '--as-of', asOf];
  const polled = await run(io, [
    'loop',
    'poll-events',
    ...base,
    '--cursor-file',
    join(repo, 'demo.cursor.json'),
  ]);
  const envelopes = join(repo, 'demo.events.ndjson');
  writeFileSync(envelopes, polled.stdout);
  const ps = await run(io, ['loop', 'project-state', ...base, '--events-file', envelopes]);
  const firstError = ps.stderr.split('\n').find((l) => l.startsWith('error:')) ?? '';
  const detail = ps.stderr.split('\n').find((l) => l.startsWith('  ')) ?? '';
  if (ps.code !== 0) {
    const where = (detail.trim() || firstError).replace(`${repo}/`, '');
    return {
      fixture,
      loop,
      lifecycle: '(refused)',
      flags: '-',
      events: '-',
      note: `exit ${ps.code}: ${where}`,
    };
  }
  const state = JSON.parse(ps.stdout) as {
    transition: { currentState: string };
    cursor: { eventLineCount: number };
    divergence: { flags: Record<string, boolean> };
  };
  const note =
    ps.stderr
      .split('\n')
      .find((l) => l.startsWith('note:'))
      ?.replace(/^note: .*?: /, '') ?? '';
  return {
    fixture,
    loop,
    lifecycle: state.transition.currentState,
    flags: flagsOf(state),
    events: String(state.cursor.eventLineCount),
    note,
  };
};

export const demo: Command = {
  path: ['demo'],
  prints: 'text',
  title: 'run the read path over the shipped fixtures and print a table',
  usage: '[--as-of RFC3339]',
  summary:
    'Run loop poll-events and loop project-state (which builds the snapshot) over every fixture shipped in fixtures/loop, ' +
    'on a temporary copy, and print ' +
    'a table of loop, lifecycle, divergence flags and events; then reconcile + status, the observability steps, ' +
    'a control intent and every other domain on its own fixtures. Needs nothing beyond npm ci.',
  flags: { 'as-of': asOfFlag },
  exits: { 0: 'ok', 1: 'the fixtures could not be read' },
  async run(v, _pos, io) {
    const asOf = typeof v['as-of'] === 'string' ? v['as-of'] : '2026-02-23T00:00:00Z';
    const source = join(packageRoot(), 'fixtures', 'loop');
    const work = mkdtempSync(join(tmpdir(), 'opsfold-demo-'));
    try {
      cpSync(source, work, { recursive: true });
      const cases = readdirSync(work, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
      const rows: DemoRow[] = [];
      for (const c of cases) rows.push(await rowFor(io, join(work, c), c, asOf));
      await writeOut(
        io.stdout,
        `opsfold demo: ${rows.length} loops from fixtures/loop, as of ${asOf}\n\n${renderTable(rows)}`,
      );
      for (const section of demoSections) await writeOut(io.stdout, `\n${await section(io, work)}\n`);
      return 0;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
