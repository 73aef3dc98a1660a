// Running a helper command the operator named (a resolver script, say): arguments in, its exit code
// and its output (stdout then stderr as they arrive) back. Never rejects: a command that cannot be
// started answers 127 with node's message, as a shell would.
import { spawn } from 'node:child_process';

export interface CommandRun {
  readonly code: number;
  readonly out: string;
}

export interface RunOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Killed after this long (default 30 s). */
  readonly timeoutMs?: number;
}

export const runCommand = (command: string, args: readonly string[], o: RunOptions): Promise<CommandRun> =>
  new Promise((resolve) => {
    let out = '';
    const child = spawn(command, [...args], {
      env: { ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: o.timeoutMs ?? 30_000,
    });
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', (err) => resolve({ code: 127, out: `${out}${err.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
