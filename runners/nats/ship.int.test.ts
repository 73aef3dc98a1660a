// opsfold ship end to end: a loop's events go to the stream once (a second run publishes nothing new),
// and with the server down it fails closed, naming the URL, writing nothing.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../lib/io/testdata/temp.js';
import { freePort, natsMissing } from '../../lib/io/nats/testdata/server.js';
import { useNatsServer } from '../../lib/io/nats/testdata/use-server.js';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';

const tempDir = useTempDirs();

const repoWith = (events: string): string => {
  const repo = tempDir();
  const loopDir = join(repo, '.superloop', 'loops', 'demo');
  fs.mkdirSync(loopDir, { recursive: true });
  fs.writeFileSync(join(loopDir, 'events.jsonl'), events);
  return repo;
};

const run = (argv: string[], cwd: string) =>
  runCaptured(commands, argv, { cwd, env: {}, now: () => Date.parse('2026-02-22T12:00:00Z') });

describe('opsfold ship with the server down', () => {
  it('fails closed with an error line naming the URL, exit 1, nothing written', async () => {
    const repo = repoWith('{"a":1}\n');
    const url = `nats://127.0.0.1:${await freePort()}`;
    const r = await run(['ship', '--repo', repo, '--loop', 'demo', '--nats', url], repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: NATS server unavailable at ${url}`);
    expect(fs.existsSync(join(repo, '.opsfold'))).toBe(false);
  });

  it('refuses a URL that is not nats:// as a usage error', async () => {
    const repo = repoWith('');
    const r = await run(['ship', '--repo', repo, '--loop', 'demo', '--nats', 'http://x:1'], repo);
    expect(r.code).toBe(64);
  });
});

describe.skipIf(natsMissing !== null)(`opsfold ship${natsMissing ?? ''}`, () => {
  const nats = useNatsServer();

  it('publishes each complete line once; a second run has nothing new', async () => {
    const repo = repoWith('{"a":1}\n{"a":2}\n{"a":');
    const argv = ['ship', '--repo', repo, '--loop', 'demo', '--nats', nats.url, '--fleet', 'f'];
    const first = await run(argv, repo);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({
      subject: 'opsfold.f.demo.events',
      stream: 'OPSFOLD_EVENTS',
      published: 2,
      duplicates: 0,
      cursor: { byteOffset: 16, lines: 2 },
      tornTail: { byteOffset: 16, bytes: 5 },
    });
    const second = await run(argv, repo);
    expect(JSON.parse(second.stdout)).toMatchObject({ published: 0, from: { byteOffset: 16, lines: 2 } });
  });
});
