// Running the scheduler command `harness dispatch` wraps (dispatch.py, a cron registration): argv, no
// shell, in the workspace root, with the environment as given (the bot key reaches the scheduler
// through its env var, never through opsfold's argv or output). Fired means exit 0 within the timeout.
import { spawn } from 'node:child_process';
import type { Fired } from '../../lib/harness/dispatch-run.js';

const MAX_STDOUT = 64 * 1024;

export const runScheduler = (
  argv: readonly string[],
  o: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly timeoutMs: number },
): Promise<Fired> =>
  new Promise((resolveFired) => {
    const [cmd, ...args] = argv;
    if (cmd === undefined) return resolveFired({ ok: false, stdout: '', detail: 'no scheduler command' });
    const child = spawn(cmd, args, {
      cwd: o.cwd,
      env: o.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: o.timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      if (stdout.length < MAX_STDOUT) stdout += b.toString('utf8');
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', (err) => resolveFired({ ok: false, stdout, detail: err.message }));
    child.on('close', (code, signal) => {
      const first = stderr.split('\n')[0] ?? '';
      const how = signal !== null ? `killed by ${signal}` : `exit ${code}`;
      resolveFired({ ok: code === 0, stdout, detail: first === '' ? how : `${how}: ${first}` });
    });
  });
