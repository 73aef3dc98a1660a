// Stopping the real server processes (`node --import tsx runners/opsfold.ts`, one process each): a
// SIGTERM with nothing in flight exits 0; a SIGTERM while a request's work cannot finish (a control run
// whose superloop CLI never returns) still ends the process within the grace period, by the signal;
// and a second SIGTERM while shutting down ends it at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from './package-root.js';
import { SHUTDOWN_GRACE_MS } from './shutdown.js';

const TOKEN = 'shutdown-token-51aa';
const PKG = packageRoot();
let work = '';
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  const pidFile = join(work, 'superloop.pid');
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(work, { recursive: true, force: true });
});

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts the command with a superloop CLI that never returns; resolves once it listens. */
const serve = async (args: readonly string[]): Promise<Server> => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-shutdown-'));
  cpSync(join(PKG, 'fixtures', 'loop-control', 'running'), join(work, 'repo'), { recursive: true });
  const bin = join(work, 'superloop');
  writeFileSync(bin, `#!/bin/sh\necho $$ > '${join(work, 'superloop.pid')}'\nexec sleep 60\n`);
  chmodSync(bin, 0o755);
  const env = { ...process.env, T: TOKEN, SUPERLOOP_BIN: bin, OPS_MANAGER_SERVICE_TOKEN: '' };
  const argv = ['--import', 'tsx', join(PKG, 'runners', 'opsfold.ts'), ...args, '--repo', join(work, 'repo')];
  const child = spawn(process.execPath, [...argv, '--port', '0'], { cwd: PKG, env, stdio: 'pipe' });
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += String(d);
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m !== null) resolve(m[0]);
    });
    void exited.then((e) => reject(new Error(`exited before listening: ${JSON.stringify(e)}`)));
  });
  return { child, url, exited };
};

/** Starts a control request that will never be answered; resolves once its superloop CLI runs. */
const stuckControl = async (url: string, path: string, headers: Record<string, string>, body: unknown) => {
  void fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }).catch(() => undefined);
  for (let i = 0; i < 200 && !existsSync(join(work, 'superloop.pid')); i++)
    await new Promise((r) => setTimeout(r, 50));
  expect(existsSync(join(work, 'superloop.pid'))).toBe(true);
};

/** Waits for the exit, at most `ms`; null when the process is still there. */
const exitWithin = (s: Server, ms: number) =>
  Promise.race([s.exited, new Promise<null>((r) => setTimeout(() => r(null), ms))]);

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly control: readonly [path: string, headers: Record<string, string>, body: unknown];
}

const cases: Case[] = [
  {
    name: 'opsfold service',
    args: ['service', '--service-token-env', 'T'],
    control: ['/ops/control', { 'X-Ops-Token': TOKEN }, { loopId: 'running', intent: 'cancel' }],
  },
  {
    name: 'opsfold dashboard',
    args: ['dashboard', '--control-token-env', 'T'],
    control: ['/api/loops/running/control', { 'X-Opsfold-Token': TOKEN }, { intent: 'cancel' }],
  },
];

describe.each(cases)('$name on SIGTERM', ({ args, control }) => {
  it('exits 0 at once when nothing is in flight', async () => {
    const s = await serve(args);
    const sent = Date.now();
    s.child.kill('SIGTERM');
    const e = await exitWithin(s, 8000);
    expect(e && [e.code, e.signal]).toEqual([0, null]);
    expect((e?.at ?? Infinity) - sent).toBeLessThan(SHUTDOWN_GRACE_MS);
  }, 30_000);
  it('ends by the signal within the grace period when a request’s work never finishes', async () => {
    const s = await serve(args);
    await stuckControl(s.url, ...control);
    s.child.kill('SIGTERM');
    const e = await exitWithin(s, SHUTDOWN_GRACE_MS + 6000);
    expect(e && [e.code, e.signal]).toEqual([null, 'SIGTERM']);
  }, 30_000);
  it('ends at once on a second SIGTERM while shutting down', async () => {
    const s = await serve(args);
    await stuckControl(s.url, ...control);
    s.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const sent = Date.now();
    s.child.kill('SIGTERM');
    const e = await exitWithin(s, 6000);
    expect(e && [e.code, e.signal]).toEqual([null, 'SIGTERM']);
    expect((e?.at ?? Infinity) - sent).toBeLessThan(SHUTDOWN_GRACE_MS);
  }, 30_000);
});
