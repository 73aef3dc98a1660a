// The other domains' views are thin adapters: present only when the domain's command exists and the
// repo has that domain's data; they show what the command printed. And the page answers on every
// fixture tree the project ships.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopDetail, LoopRow } from '../../lib/dashboard/outputs.js';
import type { Command } from '../cli/command.js';
import { packageRoot } from '../cli/package-root.js';
import { availableViews, renderView } from './domain-views.js';
import { copyFixture, get, start, type Started } from './test-kit.js';

let running: Started | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const fake = (path: string[], out: string, code = 0): Command => ({
  path,
  summary: '',
  usage: '',
  flags: {
    root: { type: 'string', help: '' },
    queue: { type: 'string', help: '' },
    json: { type: 'boolean', help: '' },
    'as-of': { type: 'string', help: '' },
  },
  exits: {},
  async run(_v, _p, io) {
    io.stdout.write(out);
    return code;
  },
});

const io = { cwd: '/', env: {}, now: () => 0 };
const ctx = (repo: string) => ({ repo, asOf: null, io, domains: null });

describe('a domain view', () => {
  it('is absent when its command is not in the table, even with the data present', () => {
    const repo = copyFixture('dashboard/empty');
    mkdirSync(join(repo, 'memory', 'harness'), { recursive: true });
    expect(availableViews([], repo)).toEqual([]);
  });

  it('is absent when the command exists but the repo has no data for it', () => {
    const repo = copyFixture('dashboard/empty');
    expect(availableViews([fake(['harness', 'status'], '{}')], repo)).toEqual([]);
  });

  it('shows the JSON its command printed, or the error it exited with', async () => {
    const repo = copyFixture('dashboard/empty');
    const queue = join(repo, 'automation', 'orchestrator');
    mkdirSync(queue, { recursive: true });
    writeFileSync(join(queue, 'QUEUE.md'), '# queue\n');
    const summary = { open: 2, rows: [{ id: 'q-1', state: 'PENDING' }] };
    const ok = [fake(['queue', 'status'], JSON.stringify(summary))];
    const [view] = availableViews(ok, repo);
    expect(view?.name).toBe('queue');
    const shown = await renderView(ok, view!, ctx(repo));
    expect(shown.sections[0]).toMatchObject({ title: 'Status', exitCode: 0, json: summary, error: null });
    const failing = [fake(['queue', 'status'], '', 1)];
    const broken = await renderView(failing, view!, ctx(repo));
    expect(broken.sections[0]?.error).toBe('exit 1');
  });

  it('shows a promotion decision from the state file the gates command wrote, without running it', async () => {
    const repo = copyFixture('dashboard/empty');
    const fleet = join(repo, '.superloop', 'ops-manager', 'fleet');
    mkdirSync(fleet, { recursive: true });
    const decision = {
      summary: {
        decision: 'hold',
        failedGates: ['drillRecency'],
        reasonCodes: ['promotion_drill_stale_kill_switch'],
      },
      gates: { drillRecency: { status: 'fail', reasons: ['promotion_drill_stale_kill_switch'] } },
    };
    writeFileSync(join(fleet, 'promotion-state.json'), JSON.stringify(decision));
    let ran = false;
    const gates = { ...fake(['fleet', 'promotion-gates'], ''), run: async () => ((ran = true), 0) };
    const [view] = availableViews([gates], repo);
    const shown = await renderView([gates], view!, ctx(repo));
    expect(shown.sections[0]?.json).toMatchObject({
      decision: 'hold',
      gates: [{ gate: 'drillRecency', status: 'fail', reasonCodes: 'promotion_drill_stale_kill_switch' }],
    });
    expect(ran).toBe(false);
  });
});

const { commands } = await import('../commands.js');
const hasQueue = commands.some((c) => c.path.join(' ') === 'queue status');

describe.skipIf(!hasQueue)('the queue view over the real queue commands', () => {
  it('appears for a repo with a markdown queue and shows the status summary line', async () => {
    running = await start(copyFixture('queue/mixed'));
    const cfg = await get(running, '/api/config');
    expect(cfg.json['views']).toContainEqual({ name: 'queue', title: 'Queue' });
    const view = await get(running, '/api/views/queue');
    const sections = view.json['sections'] as { title: string; text: string }[];
    expect(sections[0]?.text).toMatch(/^summary PENDING=/);
    expect((await get(running, '/api/views/harness')).status).toBe(404);
  });
});

const treesWithLoops = (dir: string, depth = 0): string[] => {
  if (depth > 3 || !existsSync(dir)) return [];
  if (existsSync(join(dir, '.superloop'))) return [dir];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .flatMap((d) => treesWithLoops(join(dir, d.name), depth + 1));
};

describe('every fixture tree with a .superloop directory', () => {
  const root = join(packageRoot(), 'fixtures');
  const trees = treesWithLoops(root).map((t) => t.slice(root.length + 1));

  it('finds the trees', () => {
    expect(trees.length).toBeGreaterThan(10);
  });

  it.each(trees)(
    '%s: the overview, each loop and its newest events answer 200 with JSON of their contracts',
    async (tree) => {
      running = await start(copyFixture(tree), { watch: false });
      const loops = await get(running, '/api/loops');
      expect(loops.status).toBe(200);
      for (const r of loops.json['rows'] as { loopId: string }[]) {
        expect(LoopRow.is(r), `${tree} ${r.loopId} row`).toBe(true);
        const detail = await get(running, `/api/loops/${encodeURIComponent(r.loopId)}`);
        expect(detail.status, `${tree} ${r.loopId}`).toBe(200);
        expect(LoopDetail.is(detail.json), `${tree} ${r.loopId} detail`).toBe(true);
        const events = await get(running, `/api/loops/${encodeURIComponent(r.loopId)}/events`);
        expect(events.status, `${tree} ${r.loopId} events`).toBe(200);
      }
    },
  );
});
