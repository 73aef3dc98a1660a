// Differential check against the reference itself (optional: runs only when OPSFOLD_GGURI_DIR names a
// checkout of kimjohn12333/gguri and python3 is on PATH; npm test never needs it). The same commands
// run through `python3 -m automation.orchestrator.ops` and through opsfold on copies of the same queue:
// printed lines, exit codes and resulting rows must be equal. Documented differences are normalised:
// opsfold prints `-` where ops.py prints `None` in the kpi line; a refusal is `error: <msg>` where
// ops.py ends a traceback with `ValueError: <msg>`; opsfold's `retried` payload adds `notes`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { dbEvents, dbRows, mdRows, workDir } from './test-kit.js';

const GGURI = process.env['OPSFOLD_GGURI_DIR'];
const hasPython = spawnSync('python3', ['--version']).status === 0;
const enabled = GGURI !== undefined && existsSync(join(GGURI, 'automation/orchestrator/ops.py')) && hasPython;
const QUEUE = 'automation/orchestrator/QUEUE.md';

interface Out {
  readonly code: number;
  readonly stdout: string;
  readonly error: string | null;
}

const python = (cwd: string, module: string, args: readonly string[]): Out => {
  const r = spawnSync('python3', ['-m', `automation.orchestrator.${module}`, ...args], {
    cwd,
    env: { ...process.env, PYTHONPATH: GGURI },
    encoding: 'utf8',
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    error: last.startsWith('ValueError: ') ? last.slice(12) : null,
  };
};

const ours = async (cwd: string, args: readonly string[]): Promise<Out> => {
  const r = await runCaptured(commands, ['queue', ...args], { cwd, env: {}, now: () => Date.now() });
  const first = r.stderr.split('\n')[0] ?? '';
  return { code: r.code, stdout: r.stdout, error: first.startsWith('error: ') ? first.slice(7) : null };
};

const normal = (o: Out): Out => ({
  ...o,
  stdout: o.stdout.replace(/=None\b/g, '=-').replace(/retry_not_before=\d+/g, 'retry_not_before=<t>'),
});

let ref = '';
let mine = '';
beforeEach(() => {
  ref = workDir();
  mine = workDir();
});
afterEach(() => {
  rmSync(ref, { recursive: true, force: true });
  rmSync(mine, { recursive: true, force: true });
});

const both = (from: string) => {
  for (const dir of [ref, mine]) cpSync(from, dir, { recursive: true });
};

const same = async (args: readonly string[]): Promise<void> => {
  const a = normal(python(ref, 'ops', args));
  const b = normal(await ours(mine, args));
  expect(b, `opsfold queue ${args.join(' ')}`).toEqual(a);
};

const fixtures = ['mixed', 'idle-crlf'].map(
  (f) => new URL(`../../fixtures/queue/${f}`, import.meta.url).pathname,
);

// Mixed-state variants of a queue: statuses rotated through the table, so every command meets every status.
const variants = (text: string): string[] =>
  [1, 3].map((shift) => {
    const statuses = ['PENDING', 'IN_PROGRESS', 'BLOCKED', 'FAILED', 'DONE'];
    let i = 0;
    return text.replace(
      /^(\s*\|[^|]+\|\s*)(PENDING|IN_PROGRESS|BLOCKED|FAILED|DONE)(\s*\|)/gm,
      (_m, a: string, _s, b: string) => {
        i += 1;
        return `${a}${statuses[(i + shift) % statuses.length]}${b}`;
      },
    );
  });

const idsOf = (dir: string): string[] => mdRows(join(dir, QUEUE)).map((r) => r.id);
// A few mutations of every kind (each is one python start-up), with the read commands around them.
const script = (ids: readonly string[]): string[][] => [
  ['status'],
  ['workers'],
  ...ids
    .slice(0, 6)
    .map((id, i) => [
      ['cancel', 'retry', 'replan'][i % 3] ?? 'cancel',
      '--id',
      id,
      ...(i % 3 === 2 ? ['--notes', ` step ${i} | split `] : []),
    ]),
  ['retry', '--id', ids[0] ?? ''],
  ['status'],
  ['workers'],
];
const SLOW = { timeout: 600_000 };

describe.skipIf(!enabled)('against the reference ops.py (OPSFOLD_GGURI_DIR)', () => {
  const sources = () => [
    ...fixtures,
    ...(existsSync(join(GGURI ?? '', QUEUE)) ? [join(GGURI ?? '', 'automation/orchestrator')] : []),
  ];

  it(
    'prints the same lines and leaves the same rows in markdown mode, on every fixture and variant',
    SLOW,
    async () => {
      for (const src of sources()) {
        const base = src.endsWith('automation/orchestrator') ? null : src;
        const original =
          base === null
            ? readFileSync(join(src, 'QUEUE.md'), 'utf8')
            : readFileSync(join(src, QUEUE), 'utf8');
        for (const text of [original, ...variants(original)]) {
          for (const dir of [ref, mine]) {
            rmSync(dir, { recursive: true, force: true });
            mkdirSync(join(dir, 'automation/orchestrator'), { recursive: true });
            writeFileSync(join(dir, QUEUE), text);
          }
          for (const args of [...script(idsOf(ref)), ['cancel', '--id', 'NOPE-1']]) await same(args);
          expect(mdRows(join(mine, QUEUE))).toEqual(mdRows(join(ref, QUEUE)));
        }
      }
    },
  );

  it(
    'matches on a database written by migrate_md_to_db.py, rows and event types included',
    SLOW,
    async () => {
      both(fixtures[0] ?? '');
      const db = 'automation/orchestrator/db/queue.db';
      expect(python(ref, 'migrate_md_to_db', ['--queue', QUEUE, '--db', db]).code).toBe(0);
      cpSync(join(ref, db), join(mine, db));
      const ids = dbRows(join(ref, db)).map((r) => String(r.id));
      for (const args of [
        ['consistency-check'],
        ['kpi'],
        ...script(ids).map((a) => ['--db', db, ...a]),
        ['kpi'],
        ['consistency-check'],
      ])
        await same(args);
      const strip = (rows: ReturnType<typeof dbRows>) =>
        rows.map((r) => ({
          ...r,
          updated_at: null,
          notes: String(r.notes).replace(/retry_not_before=\d+/g, '<t>'),
        }));
      expect(strip(dbRows(join(mine, db)))).toEqual(strip(dbRows(join(ref, db))));
      const events = (dir: string) =>
        dbEvents(join(dir, db)).map((e) => [
          e.item_id,
          e.event_type,
          e.event_type === 'retried' ? '' : e.payload_json,
        ]);
      expect(events(mine)).toEqual(events(ref));
    },
  );
});
