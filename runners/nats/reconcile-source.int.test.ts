// loop reconcile --source nats://…: the manager folds the events shipped from the loop's machine; its
// state, health, escalations and telemetry equal the file-based reconcile of the same events, over
// two passes (the second resumes from the KV checkpoint and the cursor's stream sequence). Only the
// snapshot's events sha256 and mtime differ (null from a stream). Server down: exit 1, nothing written.
import fs from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../lib/io/testdata/temp.js';
import { freePort, natsMissing } from '../../lib/io/nats/testdata/server.js';
import { useNatsServer } from '../../lib/io/nats/testdata/use-server.js';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';
import { outputsOf } from './outputs.test-kit.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tempDir = useTempDirs();
const AS_OF = '2026-02-22T12:00:00Z';
const run = (argv: string[], cwd: string) =>
  runCaptured(commands, argv, { cwd, env: {}, now: () => Date.parse(AS_OF) });

/** A copy of the fixture's repo; `events: false` leaves the events log out (the manager's machine). */
const repoOf = (id: string, events = true): string => {
  const repo = tempDir();
  fs.cpSync(join(ROOT, 'fixtures', 'loop', id), repo, { recursive: true });
  if (!events) fs.rmSync(join(repo, '.superloop', 'loops', id, 'events.jsonl'));
  return repo;
};

const extra = (i: number) =>
  `${JSON.stringify({ timestamp: `2026-02-22T11:0${i}:00Z`, event: 'iteration_start', run_id: 'r2', iteration: 9 + i })}\n`;

describe('loop reconcile --source with the server down', () => {
  it('fails closed naming the URL, exit 1, nothing written', async () => {
    const repo = repoOf('running', false);
    const url = `nats://127.0.0.1:${await freePort()}`;
    const r = await run(['loop', 'reconcile', '--repo', repo, '--loop', 'running', '--source', url], repo);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toContain(`error: NATS server unavailable at ${url}`);
    expect(fs.existsSync(join(repo, '.superloop', 'ops-manager'))).toBe(false);
    expect(fs.existsSync(join(repo, '.opsfold'))).toBe(false);
  });

  it('status never contacts the server: with it down, the same answer, and a note on a file cursor', async () => {
    const repo = repoOf('running');
    const reconciled = await run(
      ['loop', 'reconcile', '--repo', repo, '--loop', 'running', '--as-of', AS_OF],
      repo,
    );
    expect(reconciled.code).toBe(0);
    const url = `nats://127.0.0.1:${await freePort()}`;
    const status = ['loop', 'status', '--repo', repo, '--loop', 'running', '--as-of', AS_OF];
    const plain = await run(status, repo);
    const withSource = await run([...status, '--source', url], repo);
    expect(withSource).toMatchObject({ code: 0, stdout: plain.stdout });
    expect(withSource.stderr).toContain(
      `note: the manager's cursor was not written by a reconcile from ${url}/`,
    );
    expect((await run([...status, '--source', 'http://x'], repo)).code).toBe(64);
  });

  it('refuses --source over the sprite service, and --fleet without --source (usage)', async () => {
    const repo = repoOf('running', false);
    const svc = ['--transport', 'sprite_service', '--service-base-url', 'http://127.0.0.1:1'];
    const a = await run(
      ['loop', 'reconcile', '--repo', repo, '--loop', 'running', '--source', 'nats://h:1', ...svc],
      repo,
    );
    const b = await run(['loop', 'reconcile', '--repo', repo, '--loop', 'running', '--fleet', 'f'], repo);
    expect([a.code, b.code]).toEqual([64, 64]);
  });
});

describe.skipIf(natsMissing !== null)(`loop reconcile --source${natsMissing ?? ''}`, () => {
  const nats = useNatsServer();

  it('fails a loop never shipped as a missing events log: snapshot_unavailable, exit 1', async () => {
    const repo = tempDir();
    const r = await run(['loop', 'reconcile', '--repo', repo, '--loop', 'never', '--source', nats.url], repo);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ transport: { failureCode: 'snapshot_unavailable' } });
  });

  it('resumes a pass cut short by --max-events where it stopped, as the file-based reconcile does', async () => {
    const id = 'running';
    const [fileRepo, runtime, manager] = [repoOf(id), repoOf(id), repoOf(id, false)];
    const ship = await run(
      ['ship', '--repo', runtime, '--loop', id, '--nats', nats.url, '--fleet', 'maxev'],
      runtime,
    );
    expect(ship.code).toBe(0);
    const base = [
      'loop',
      'reconcile',
      '--loop',
      id,
      '--as-of',
      AS_OF,
      '--alerts-enabled',
      'false',
      '--max-events',
      '2',
    ];
    for (let i = 0; i < 4; i += 1) {
      const a = await run([...base, '--repo', fileRepo], fileRepo);
      const b = await run([...base, '--repo', manager, '--source', nats.url, '--fleet', 'maxev'], manager);
      expect({ i, code: b.code, stdout: b.stdout.split(manager).join('<repo>') }).toEqual({
        i,
        code: a.code,
        stdout: a.stdout.split(fileRepo).join('<repo>'),
      });
    }
    expect(outputsOf(manager)).toEqual(outputsOf(fileRepo));
  });

  it.each(['running', 'complete', 'failed', 'awaiting-approval'])(
    'writes what the file-based reconcile writes for the %s loop, pass after pass',
    async (id) => {
      const fileRepo = repoOf(id);
      const runtime = repoOf(id);
      const manager = repoOf(id, false);
      const fleet = `f${id.replace(/[^a-z]/g, '')}`;
      const events = (repo: string) => join(repo, '.superloop', 'loops', id, 'events.jsonl');
      const base = ['loop', 'reconcile', '--loop', id, '--as-of', AS_OF, '--alerts-enabled', 'false'];
      const pass = async (n: number) => {
        const ship = await run(
          ['ship', '--repo', runtime, '--loop', id, '--nats', nats.url, '--fleet', fleet],
          runtime,
        );
        expect(ship.code).toBe(0);
        const a = await run([...base, '--repo', fileRepo], fileRepo);
        const b = await run([...base, '--repo', manager, '--source', nats.url, '--fleet', fleet], manager);
        expect({ pass: n, code: b.code, stdout: b.stdout.split(manager).join('<repo>') }).toEqual({
          pass: n,
          code: a.code,
          stdout: a.stdout.split(fileRepo).join('<repo>'),
        });
        expect(outputsOf(manager)).toEqual(outputsOf(fileRepo));
      };
      await pass(1);
      for (const repo of [fileRepo, runtime]) fs.appendFileSync(events(repo), extra(1) + extra(2));
      await pass(2);
      const status = ['loop', 'status', '--loop', id, '--as-of', AS_OF];
      const fromFile = await run([...status, '--repo', fileRepo], fileRepo);
      const fromStream = await run(
        [...status, '--repo', manager, '--source', nats.url, '--fleet', fleet],
        manager,
      );
      expect(fromStream).toMatchObject({ code: 0, stderr: '' });
      expect(fromStream.stdout.split(manager).join('<repo>')).toBe(
        fromFile.stdout.split(fileRepo).join('<repo>'),
      );
      const snapshot = JSON.parse(
        fs.readFileSync(join(manager, '.opsfold', 'loop', id, 'snapshot.json'), 'utf8'),
      ) as { artifacts?: { events?: unknown } };
      expect(snapshot.artifacts?.events).toMatchObject({ sha256: null, mtimeEpoch: null });
    },
    30_000,
  );
});
