import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../cli/command.js';
import { main } from '../cli/main.js';
import { commands } from '../commands.js';
import type * as Registry from '../../lib/projections.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = 'fixtures/loop/running/.superloop/loops/running/events.jsonl';
const SEED = Number(process.env['FC_SEED'] ?? 424242);

const capture = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
};

const run = async (argv: readonly string[], cwd: string, cmds: readonly Command[] = commands) => {
  const out = capture();
  const err = capture();
  const io = {
    stdout: out.stream,
    stderr: err.stream,
    cwd,
    env: {},
    now: () => Date.parse('2026-02-22T12:00:00Z'),
  };
  const code = await main(cmds, argv, io);
  return { code, stdout: out.text(), stderr: err.text() };
};

const ev = (minute: number, event: string) => ({
  timestamp: `2026-02-22T11:${String(minute).padStart(2, '0')}:00Z`,
  event,
  loop_id: 'demo',
});
const jsonl = (...values: unknown[]): string => values.map((v) => `${JSON.stringify(v)}\n`).join('');

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsfold-replay-'));
  await mkdir(join(dir, 'logs'));
  await writeFile(join(dir, 'logs', 'b.jsonl'), jsonl(ev(3, 'role_start'), ev(4, 'role_end')));
  await writeFile(join(dir, 'logs', 'a.jsonl'), jsonl(ev(1, 'loop_start'), ev(2, 'iteration_start')));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('opsfold replay', () => {
  describe('when given two files out of order', () => {
    it('folds them in sorted path order and prints stable JSON', async () => {
      const r = await run(['replay', '--projection', 'loop-events', 'logs/b.jsonl', 'logs/a.jsonl'], dir);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out).toEqual({
        projection: 'loop-events',
        version: 1,
        files: ['logs/a.jsonl', 'logs/b.jsonl'],
        events: 4,
        state: {
          records: 4,
          unnamed: 0,
          firstEventAt: '2026-02-22T11:01:00Z',
          last: ev(4, 'role_end'),
          lastLine: 2,
        },
      });
      expect(r.stdout.endsWith('\n')).toBe(true);
      const again = await run(['replay', '--projection', 'loop-events', 'logs/a.jsonl', 'logs/b.jsonl'], dir);
      expect(again.stdout).toBe(r.stdout);
    });
  });

  describe('when given globs', () => {
    it('expands them under cwd, unions, sorts and de-duplicates', async () => {
      const r = await run(
        ['replay', '--projection', 'loop-events', 'logs/*.jsonl', 'logs/a.jsonl', '**/b.jsonl'],
        dir,
      );
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ files: ['logs/a.jsonl', 'logs/b.jsonl'], events: 4 });
    });

    it('fails with 1 naming a glob that matches nothing', async () => {
      const r = await run(['replay', '--projection', 'loop-events', 'logs/*.jsonl', 'nothing/*.jsonl'], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: no file matches nothing\/\*\.jsonl/);
      expect(r.stdout).toBe('');
    });

    it('fails with 1 naming a missing file', async () => {
      const r = await run(['replay', '--projection', 'loop-events', 'logs/missing.jsonl'], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: no such file: logs\/missing\.jsonl/);
    });
  });

  describe('when the projection or the paths are wrong', () => {
    it('exits 64 for an unknown projection and lists the registered ones', async () => {
      const r = await run(['replay', '--projection', 'nope', 'logs/a.jsonl'], dir);
      expect(r.code).toBe(64);
      expect(r.stderr).toMatch(/^error: unknown projection: nope\n {2}registered: .*loop-events/);
    });

    it('exits 64 without --projection or without a path', async () => {
      expect((await run(['replay', 'logs/a.jsonl'], dir)).code).toBe(64);
      expect((await run(['replay', '--projection', 'loop-events'], dir)).code).toBe(64);
      expect(
        (
          await run(
            ['replay', '--projection', 'loop-events', '--check-laws', '--runs', '0', 'logs/a.jsonl'],
            dir,
          )
        ).code,
      ).toBe(64);
    });
  });

  describe('when a line is corrupt', () => {
    it('exits 1 with file:line:byteOffset and the reason', async () => {
      const first = `${JSON.stringify(ev(1, 'loop_start'))}\n`;
      await writeFile(join(dir, 'logs', 'c.jsonl'), `${first}{"event": oops}\n${jsonl(ev(5, 'x'))}`);
      const r = await run(['replay', '--projection', 'loop-events', 'logs/*.jsonl'], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`error: logs/c.jsonl:2:${Buffer.byteLength(first)}: invalid JSON`);
      expect(r.stdout).toBe('');
    });

    it('names the failing field when the line is JSON but not a loop event', async () => {
      await writeFile(join(dir, 'logs', 'c.jsonl'), jsonl({ event: 42 }));
      const r = await run(['replay', '--projection', 'loop-events', 'logs/c.jsonl'], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: logs\/c\.jsonl:1:0: .*event/);
    });
  });

  describe('when the last line is torn', () => {
    it('does not read it and says so on stderr', async () => {
      await writeFile(join(dir, 'logs', 'b.jsonl'), `${jsonl(ev(3, 'role_start'))}{"event":"role_e`);
      const r = await run(['replay', '--projection', 'loop-events', 'logs/*.jsonl'], dir);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).events).toBe(3);
      expect(r.stderr).toMatch(/^note: logs\/b\.jsonl: torn tail at byte \d+ \(16 bytes\)/m);
    });
  });

  describe('with --check-laws', () => {
    it('passes on the running loop fixture and prints the seed', async () => {
      const r = await run(
        ['replay', '--projection', 'loop-events', FIXTURE, '--check-laws', '--seed', String(SEED)],
        ROOT,
      );
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ files: [FIXTURE], events: 20 });
      expect(r.stderr).toContain(`replay laws hold for loop-events over 20 events (100 runs, seed ${SEED})`);
    });

    it('picks and prints a random seed when none is given', async () => {
      const r = await run(
        ['replay', '--projection', 'loop-events', 'logs/*.jsonl', '--check-laws', '--runs', '5'],
        dir,
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/\(5 runs, seed -?\d+\)/);
    });

    it('exits 2 with the seed and the first counterexample file:line:byte when a law fails', async () => {
      vi.resetModules();
      const known = new WeakSet<object>();
      const broken = {
        name: 'broken',
        version: 1,
        initial: { items: [] as unknown[], restarts: 0 },
        evolve: (s: { items: unknown[]; restarts: number }, e: { value: unknown }) => {
          const items = [...s.items, e.value];
          known.add(items);
          return { items, restarts: s.restarts + (known.has(s.items) ? 0 : 1) };
        },
      };
      vi.doMock('../../lib/projections.js', async (original) => {
        const real = await original<typeof Registry>();
        const projections = {
          ...real.projections,
          broken: { ...real.projections['loop-events'], projection: broken },
        };
        return { ...real, projections, projectionNames: () => Object.keys(projections).sort() };
      });
      const { replay } = await import('./command.js');
      const { main: freshMain } = await import('../cli/main.js');
      const out = capture();
      const err = capture();
      const io = { stdout: out.stream, stderr: err.stream, cwd: dir, env: {}, now: () => 0 };
      const argv = ['replay', '--projection', 'broken', 'logs/*.jsonl', '--check-laws', '--seed', '7'];
      const code = await freshMain([replay as Command], argv, io);
      vi.doUnmock('../../lib/projections.js');
      expect(code).toBe(2);
      expect(err.text()).toMatch(/^error: replay law 'incremental' fails for broken \(seed 7\)/);
      expect(err.text()).toMatch(/first counterexample: logs\/[ab]\.jsonl:\d+:\d+ \(split after \d+ events/);
      expect(JSON.parse(out.text()).events).toBe(4);
    });
  });

  describe('with --expect', () => {
    it('exits 0 when the state equals the earlier output', async () => {
      const first = await run(['replay', '--projection', 'loop-events', 'logs/*.jsonl'], dir);
      await writeFile(join(dir, 'expected.json'), first.stdout);
      const r = await run(
        ['replay', '--projection', 'loop-events', 'logs/*.jsonl', '--expect', 'expected.json'],
        dir,
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
    });

    it('exits 2 with one JSON-path line per difference', async () => {
      const first = JSON.parse(
        (await run(['replay', '--projection', 'loop-events', 'logs/*.jsonl'], dir)).stdout,
      );
      first.state.records = 99;
      first.state.last.event = 'loop_start';
      await writeFile(join(dir, 'expected.json'), JSON.stringify(first));
      const r = await run(
        ['replay', '--projection', 'loop-events', 'logs/*.jsonl', '--expect', 'expected.json'],
        dir,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error: state differs from expected.json\n');
      expect(r.stderr).toContain('  $.last.event: expected "loop_start", got "role_end"\n');
      expect(r.stderr).toContain('  $.records: expected 99, got 4\n');
      expect(JSON.parse(r.stdout).events).toBe(4);
    });

    it('exits 1 before any output when the expectation file is missing', async () => {
      const r = await run(
        ['replay', '--projection', 'loop-events', 'logs/*.jsonl', '--expect', 'none.json'],
        dir,
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: input file not found: none\.json\n {2}--expect none\.json /);
      expect(r.stdout).toBe('');
    });
  });

  it('documents its exit codes in --help', async () => {
    const r = await run(['replay', '--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}64 /);
    expect(r.stdout).toContain('holds all events in memory');
  });
});
