// Runs the real bin (tsx over runners/opsfold.ts) the way a user's shell does, for the CLI's
// end-to-end tests: a command line, a working directory, and what came out.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PKG = fileURLToPath(new URL('../../', import.meta.url));
export const TSX = join(PKG, 'node_modules/.bin/tsx');
export const BIN = join(PKG, 'runners/opsfold.ts');

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Single-quotes a word for bash. */
export const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs a bash script (with pipefail) in `cwd`. */
export const shell = (script: string, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> =>
  new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', `set -o pipefail; ${script}`],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: Number(err?.code ?? 0), stdout, stderr }),
    );
  });

/** `opsfold <argv…>` through the bin, in `cwd`. */
export const opsfoldIn = (cwd: string, ...argv: string[]): Promise<Ran> =>
  shell([TSX, BIN, ...argv].map(quote).join(' '), cwd);
