// Runs the ticket worker (`--worker-cmd`) once: a shell command line, run in the root, the ticket's JSON
// on stdin, the execution mode in OPSFOLD_EXECUTION_MODE. It appends its own result/receipt lines to the
// ticket logs, as the origin's worker does. A worker that outlives its timeout is sent SIGTERM (its whole
// process group), then SIGKILL after a grace period. Output is kept only as a short tail for the snapshot.
import { spawn } from 'node:child_process';
import type { WorkerOutcome, WorkerSpec } from '../../lib/cycle/turn.js';

type RunWorker = (spec: WorkerSpec) => Promise<WorkerOutcome>;

const TAIL = 2000;
const GROUPS = process.platform !== 'win32';

const killTree = (pid: number | undefined, signal: NodeJS.Signals, fallback: () => void): void => {
  if (pid === undefined) return;
  try {
    if (GROUPS) process.kill(-pid, signal);
    else fallback();
  } catch {
    fallback();
  }
};

/** Runs the worker and resolves once it has exited (or could not start). */
export const runWorkerProcess: RunWorker = (spec) =>
  new Promise((resolve) => {
    let tail = '';
    let timedOut = false;
    let spawnError: string | null = null;
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-TAIL);
    };
    const child = spawn(spec.cmd, {
      cwd: spec.cwd,
      env: spec.env,
      shell: true,
      detached: GROUPS,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const timers: NodeJS.Timeout[] = [];
    timers.push(
      setTimeout(() => {
        timedOut = true;
        killTree(child.pid, 'SIGTERM', () => child.kill('SIGTERM'));
        timers.push(
          setTimeout(() => killTree(child.pid, 'SIGKILL', () => child.kill('SIGKILL')), spec.graceMs ?? 2000),
        );
      }, spec.timeoutMs),
    );
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.stdin.on('error', () => undefined); // a worker that does not read its stdin closes the pipe early
    let settled = false;
    const settle = (exitCode: number | null, signal: string | null) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      resolve({ exitCode, signal, timedOut, spawnError, outputTail: tail });
    };
    child.on('error', (err) => {
      spawnError = err.message;
      // A process that never started may not emit 'close'; one that did start ends with 'close'.
      if (child.pid === undefined) setImmediate(() => settle(null, null));
    });
    child.on('close', (code, signal) => settle(code, signal));
    child.stdin.end(spec.stdin);
  });
