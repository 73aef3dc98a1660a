// A log line over --max-line-bytes is a corrupt record reported as file:line:byte (exit 1), read
// without holding it; without the flag the default 64 MiB cap lets the same line through.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { commands } from '../commands.js';

const sink = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
};

const run = async (argv: readonly string[], cwd: string) => {
  const out = sink();
  const err = sink();
  const io = { stdout: out.stream, stderr: err.stream, cwd, env: {}, now: () => 0 };
  const code = await main(commands, argv, io);
  return { code, stdout: out.text(), stderr: err.text() };
};

const ev = (event: string, note = '') =>
  `${JSON.stringify({ timestamp: '2026-02-22T11:00:00Z', event, loop_id: 'demo', note })}\n`;

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsfold-maxline-'));
  await writeFile(
    join(dir, 'log.jsonl'),
    ev('loop_start') + ev('role_start', 'z'.repeat(5000)) + ev('loop_stop'),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('replay --max-line-bytes', () => {
  describe('when a line is longer than the cap', () => {
    it('fails with 1 naming the line as file:line:byte', async () => {
      const argv = ['replay', '--projection', 'loop-events', 'log.jsonl', '--max-line-bytes', '1000'];
      const r = await run(argv, dir);
      expect(r.code).toBe(1);
      const offset = Buffer.byteLength(ev('loop_start'));
      expect(r.stderr).toContain(`error: log.jsonl:2:${offset}: line of `);
      expect(r.stderr).toContain('over the line limit');
      expect(r.stdout).toBe('');
    });
  });

  describe('when the cap is not given', () => {
    it('reads the line under the 64 MiB default', async () => {
      const r = await run(['replay', '--projection', 'loop-events', 'log.jsonl'], dir);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ events: 3 });
    });
  });

  describe('when the cap is not a positive integer', () => {
    it('is a usage error', async () => {
      const argv = ['replay', '--projection', 'loop-events', 'log.jsonl', '--max-line-bytes', '0'];
      const r = await run(argv, dir);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain('--max-line-bytes must be a positive integer');
    });
  });
});
