// The control part of `npm run demo`: on a temp copy of fixtures/loop-control, a rejection that is
// confirmed, an approval refused by the lifecycle, and a cancel sent twice with one idempotency key
// (acted on once), the second time through the sprite service on 127.0.0.1.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../../cli/command.js';
import { runCaptured } from '../../cli/capture.js';
import { packageRoot } from '../../cli/package-root.js';
import { makeLoopControl } from '../control.js';
import { builtinExecutor } from './executor.js';
import { startService } from './server.js';
import { tokenAuth } from './token.js';

const DEMO_TOKEN = 'opsfold-demo-token';
const noSleep = async () => undefined;

const summary = (r: { code: number; stdout: string }): string => {
  const e = JSON.parse(r.stdout) as Record<string, unknown>;
  const confirm = e['confirm'] as { reason?: string } | undefined;
  const why = e['reasonCode'] ?? confirm?.reason ?? '';
  return `${String(e['status'])}${why === '' ? '' : ` (${String(why)})`}${e['replayed'] === true ? ', replayed' : ''}, exit ${r.code}`;
};

/** Runs the control demo under `work` and returns its text block. */
export async function loopControlDemo(io: Omit<Io, 'stdout' | 'stderr'>, work: string): Promise<string> {
  const root = join(work, 'loop-control');
  cpSync(join(packageRoot(), 'fixtures', 'loop-control'), root, { recursive: true });
  const env = { ...io.env, DEMO_OPS_TOKEN: DEMO_TOKEN };
  const run = (argv: string[]) =>
    runCaptured([makeLoopControl({ sleep: noSleep })], argv, { ...io, env, cwd: root });
  const control = (loop: string, ...rest: string[]) =>
    run([
      'loop',
      'control',
      '--repo',
      loop,
      '--loop',
      loop,
      '--timeout-seconds',
      '0',
      '--by',
      'demo',
      ...rest,
    ]);
  const rows = [
    ['reject  awaiting-approval', await control('awaiting-approval', '--intent', 'reject')],
    ['approve approved', await control('approved', '--intent', 'approve')],
    [
      'cancel  running (key demo-1)',
      await control('running', '--intent', 'cancel', '--idempotency-key', 'demo-1'),
    ],
  ] as const;
  const svc = await startService({
    repo: join(root, 'running'),
    stateDir: undefined,
    host: '127.0.0.1',
    port: 0,
    auth: tokenAuth(DEMO_TOKEN),
    maxBodyBytes: 65536,
    now: io.now,
    sleep: noSleep,
    executorFor: (p) => builtinExecutor(p),
    defaultBy: 'demo',
    timeoutSeconds: 0,
    intervalSeconds: 2,
  });
  try {
    const again = await control(
      'running',
      '--intent',
      'cancel',
      '--idempotency-key',
      'demo-1',
      '--transport',
      'sprite_service',
      '--service-base-url',
      svc.url,
      '--service-token-env',
      'DEMO_OPS_TOKEN',
    );
    return [
      'loop control (fixtures/loop-control, built-in superloop effects, confirmation timeout 0 s):',
      ...rows.map(([what, r]) => `  ${what.padEnd(30)} → ${summary(r)}`),
      `  ${'cancel  running via service'.padEnd(30)} → ${summary(again)} (same key: not run twice)`,
      '',
    ].join('\n');
  } finally {
    await svc.close();
  }
}
