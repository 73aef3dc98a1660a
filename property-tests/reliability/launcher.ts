// How the harness starts its children: `node --import tsx <script>.ts` (what the lib/io tests use), or
// `node <bundle>.mjs` when scripts/reliability.ts has bundled them for a cheaper start-up.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const projectRoot = resolve(here, '..', '..');

export interface Launcher {
  /** argv for node that runs child `script` (a file name under property-tests/reliability/). */
  argv(script: string, args: readonly string[]): string[];
}

export const tsxLauncher: Launcher = {
  argv: (script, args) => ['--import', 'tsx', join(here, script), ...args],
};

/** Starts a child with piped stdout/stderr, from the project root (so `tsx` resolves). */
export const launch = (launcher: Launcher, script: string, args: readonly string[]): ChildProcess =>
  spawn(process.execPath, launcher.argv(script, args), {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });

export interface Exited {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Collects a child's output; resolves when it exits. `onLine` sees each stdout line as it arrives. */
export const watch = (child: ChildProcess, onLine?: (line: string) => void): Promise<Exited> =>
  new Promise((done, fail) => {
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout?.on('data', (b: Buffer) => {
      stdout += b.toString();
      pending += b.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) onLine?.(l);
    });
    child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });

/** The child scripts a bundle must hold. */
export const CHILD_SCRIPTS = ['kill-child.ts', 'lock-child.ts', 'hostile-child.ts'] as const;

interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<unknown>;
}

export interface Bundled {
  readonly launcher: Launcher;
  readonly bundled: boolean;
  /** Removes the bundle (call when done). */
  dispose(): void;
}

/**
 * Bundles the child scripts with esbuild (tsx's own compiler) so each child starts in a fraction of the
 * time `--import tsx` takes; falls back to tsx when esbuild cannot be loaded. The bundle goes under the
 * project's node_modules/.cache (named after `outDir`'s parent), not `outDir`: from there the package
 * root (shipped config) and better-sqlite3 resolve as they do from source.
 */
export const bundledLauncher = async (outDir: string): Promise<Bundled> => {
  let esbuild: EsbuildLike;
  try {
    esbuild = (await import('esbuild' as string)) as EsbuildLike;
  } catch {
    return { launcher: tsxLauncher, bundled: false, dispose: () => undefined };
  }
  const dir = join(projectRoot, 'node_modules', '.cache', 'opsfold-reliability', basename(dirname(outDir)));
  await esbuild.build({
    entryPoints: CHILD_SCRIPTS.map((s) => join(here, s)),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: dir,
    external: ['better-sqlite3'],
    outExtension: { '.js': '.mjs' },
    // Bundled CommonJS dependencies still call require() for node built-ins.
    banner: {
      js: "import { createRequire as __req } from 'node:module'; const require = __req(import.meta.url);",
    },
    logLevel: 'error',
  });
  return {
    launcher: { argv: (script, args) => [join(dir, script.replace(/\.ts$/, '.mjs')), ...args] },
    bundled: true,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
};
