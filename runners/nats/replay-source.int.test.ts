// replay --source nats://…: the state folded from the shipped events equals the replay of the file,
// for every loop fixture; with the server down it fails closed naming the URL.
import fs from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../lib/io/testdata/temp.js';
import { freePort, natsMissing } from '../../lib/io/nats/testdata/server.js';
import { useNatsServer } from '../../lib/io/nats/testdata/use-server.js';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tempDir = useTempDirs();
const run = (argv: string[], cwd: string) =>
  runCaptured(commands, argv, { cwd, env: {}, now: () => Date.parse('2026-02-22T12:00:00Z') });

const loopFixtures = ['running', 'crlf-bom', 'torn-tail', 'complete', 'failed']
  .map((id) => ({
    id,
    events: join(ROOT, 'fixtures', 'loop', id, '.superloop', 'loops', id, 'events.jsonl'),
  }))
  .filter((f) => fs.existsSync(f.events));

describe('replay --source with the server down', () => {
  it('fails closed naming the URL, exit 1, nothing printed on stdout', async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    const r = await run(['replay', '--projection', 'loop-events', '--source', url, '--loop', 'x'], tempDir());
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toContain(`error: NATS server unavailable at ${url}`);
  });
});

describe.skipIf(natsMissing !== null)(`replay --source${natsMissing ?? ''}`, () => {
  const nats = useNatsServer();

  it.each(loopFixtures)('folds the shipped $id loop as the file replay does', async ({ id, events }) => {
    const repo = tempDir();
    fs.mkdirSync(join(repo, '.superloop', 'loops', id), { recursive: true });
    fs.copyFileSync(events, join(repo, '.superloop', 'loops', id, 'events.jsonl'));
    const shipped = await run(['ship', '--repo', repo, '--loop', id, '--nats', nats.url], repo);
    expect(shipped.code).toBe(0);
    const fromFile = await run(['replay', '--projection', 'loop-events', events], repo);
    const fromStream = await run(
      ['replay', '--projection', 'loop-events', '--source', nats.url, '--loop', id],
      repo,
    );
    expect(fromStream.code).toBe(0);
    const a = JSON.parse(fromFile.stdout) as { state: unknown; events: number };
    const b = JSON.parse(fromStream.stdout) as { state: unknown; events: number; files: string[] };
    expect(b.files).toEqual([`${nats.url}/opsfold.default.${id}.events`]);
    expect({ state: b.state, events: b.events }).toEqual({ state: a.state, events: a.events });
  });
});
