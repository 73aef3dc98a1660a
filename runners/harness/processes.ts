// Where bot sessions are read from: a captured sessions file, or the process table under /proc
// (`<pid>/cmdline`, NUL-separated argv). The proc root is a parameter so tests list a tree they made,
// never the machine's own processes. Elsewhere than Linux, without a sessions file, sessions are unknown.
import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import { SessionsFile } from '../../lib/harness/input-codecs.js';
import type { ProcessSeen } from '../../lib/harness/sessions.js';
import { str, type Io, type Values } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { readNamed } from './edge.js';

export type ProcessSource =
  | { readonly kind: 'sessions_file' | 'proc'; readonly processes: readonly ProcessSeen[] }
  | { readonly kind: 'none' };

/** Lists `<procRoot>/<pid>/cmdline`; processes that vanish or cannot be read are skipped. */
export const listProc = async (procRoot: string): Promise<ProcessSeen[]> => {
  const names = await fsp.readdir(procRoot).catch(() => null);
  if (names === null) throw new CliError(`cannot list processes: ${procRoot}`);
  const out: ProcessSeen[] = [];
  for (const name of names.filter((n) => /^\d+$/.test(n)).sort((a, b) => Number(a) - Number(b))) {
    const raw = await fsp.readFile(join(procRoot, name, 'cmdline')).catch(() => null);
    if (raw === null || raw.length === 0) continue;
    out.push({
      pid: Number(name),
      argv: raw
        .toString('utf8')
        .split('\0')
        .filter((x) => x !== ''),
    });
  }
  return out;
};

/** The process source the flags ask for. */
export const processSourceOf = async (v: Values, io: Io): Promise<ProcessSource> => {
  const file = str(v, 'sessions-file');
  if (file !== undefined) {
    const path = resolve(io.cwd, file);
    const doc = await readNamed(path, SessionsFile, 'sessions file');
    if (doc === null) throw new CliError(`sessions file not found: ${file}`);
    return { kind: 'sessions_file', processes: doc.processes };
  }
  const procRoot = str(v, 'proc-root') ?? (process.platform === 'linux' ? '/proc' : undefined);
  if (procRoot === undefined) return { kind: 'none' };
  return { kind: 'proc', processes: await listProc(resolve(io.cwd, procRoot)) };
};

const PROMPT_BYTES = 65_536;

/** The first 64 KiB of each prompt file named, or null when it cannot be read. */
export const readPrompts = async (paths: readonly string[]): Promise<Map<string, string | null>> => {
  const out = new Map<string, string | null>();
  for (const p of [...new Set(paths)]) {
    const handle = await fsp.open(p, 'r').catch(() => null);
    if (handle === null) {
      out.set(p, null);
      continue;
    }
    try {
      const buf = Buffer.alloc(PROMPT_BYTES);
      const { bytesRead } = await handle.read(buf, 0, PROMPT_BYTES, 0);
      out.set(p, buf.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  }
  return out;
};
