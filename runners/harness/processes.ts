// Where bot sessions are read from: a captured sessions file, or the process table under /proc
// (`<pid>/cmdline`, NUL-separated argv). The proc root is a parameter so tests list a tree they made,
// never the machine's own processes. Elsewhere than Linux, without a sessions file, sessions are unknown.
import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GatherContext, ProcessSource } from '../../lib/harness/gather.js';
import { SessionsFile } from '../../lib/harness/input-codecs.js';
import type { ProcessSeen } from '../../lib/harness/sessions.js';
import { readDocument } from '../../lib/io/store.js';
import { str, type Io, type Values } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { foundOr } from '../cli/json-doc.js';
import type { Workspace } from './workspace.js';

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
    const doc = foundOr(await readDocument(path, SessionsFile), `invalid sessions file: ${path}`, path);
    if (!doc.found) throw new CliError(`sessions file not found: ${file}`);
    return { kind: 'sessions_file', processes: doc.value.processes };
  }
  const procRoot = str(v, 'proc-root') ?? (process.platform === 'linux' ? '/proc' : undefined);
  if (procRoot === undefined) return { kind: 'none' };
  return { kind: 'proc', processes: await listProc(resolve(io.cwd, procRoot)) };
};

/** What an observation is gathered with: the timers, the process source and the controller's prompt. */
export const contextOf = async (ws: Workspace, v: Values, io: Io): Promise<GatherContext> => {
  const flag = str(v, 'controller-prompt');
  return {
    ws,
    timers: await ws.timers(),
    processes: await processSourceOf(v, io),
    controllerPrompt:
      flag !== undefined
        ? resolve(io.cwd, flag)
        : ws.config.controllerSystemPrompt === null
          ? null
          : resolve(ws.root, ws.config.controllerSystemPrompt),
  };
};
