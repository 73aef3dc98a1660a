// Running a helper command the operator named (a resolver script, say): arguments in, its exit code
// and its output (stdout then stderr as they arrive) back. Never rejects: a command that cannot be
// started answers 127 with node's message, as a shell would.

export interface CommandRun {
  readonly code: number;
  readonly out: string;
}

export interface RunOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Killed after this long (default 30 s). */
  readonly timeoutMs?: number;
}

// node:child_process is loaded on the first run: most commands that may run a helper do not.
const spawnOf = async () => (await import('node:child_process')).spawn;

export const runCommand = async (
  command: string,
  args: readonly string[],
  o: RunOptions,
): Promise<CommandRun> => {
  const spawn = await spawnOf();
  return new Promise((resolve) => {
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
};

export interface ChildRun {
  /** The exit code; 127 when the command could not be started, 124 when it was killed at the timeout. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ChildOptions extends RunOptions {
  readonly cwd: string;
  /** Written to the child's stdin, which is then closed. */
  readonly input: string;
  /** Each stream is kept up to this many bytes (default 1 MiB); the rest is dropped, not buffered. */
  readonly maxBytes?: number;
}

const capped = (max: number) => {
  let text = '';
  let bytes = 0;
  return {
    add: (c: Buffer) => {
      if (bytes >= max) return;
      text += c.subarray(0, max - bytes).toString('utf8');
      bytes += c.length;
    },
    text: () => text,
  };
};

/** Runs an argument vector (no shell) in `cwd` with `input` on stdin; stdout and stderr apart. Never rejects. */
export const runChild = async (
  command: string,
  args: readonly string[],
  o: ChildOptions,
): Promise<ChildRun> => {
  const spawn = await spawnOf();
  return new Promise((resolve) => {
    const out = capped(o.maxBytes ?? 1 << 20);
    const err = capped(o.maxBytes ?? 1 << 20);
    let timedOut = false;
    const child = spawn(command, [...args], {
      cwd: o.cwd,
      env: { ...o.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.timeoutMs ?? 30_000);
    child.stdout.on('data', out.add);
    child.stderr.on('data', err.add);
    // A child that exits without reading its stdin closes the pipe: that is not our failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(o.input);
    const done = (code: number, extra = '') => {
      clearTimeout(timer);
      resolve({ code, stdout: out.text(), stderr: `${err.text()}${extra}` });
    };
    child.on('error', (e) => done(127, e.message));
    child.on('close', (code) => done(timedOut ? 124 : (code ?? 1)));
  });
};
