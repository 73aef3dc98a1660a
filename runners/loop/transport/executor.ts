// What carries out an intent on the loop's files. The reference shells out to the superloop CLI
// (`$SUPERLOOP_BIN cancel|approve …`); opsfold does the same when a binary is named (SUPERLOOP_BIN or
// --superloop-bin), and otherwise makes the CLI's own file changes itself: cancel removes
// `.superloop/state.json`; approve/reject rewrite `approval.json` and append to `decisions.jsonl`,
// `decisions.md` and the loop's `events.jsonl`.
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import {
  appendArtifact,
  confineArtifact,
  loopRoots,
  writeArtifactText,
  type ArtifactRoots,
} from '../../cli/artifacts.js';
import type { IntentExecutor } from '../../../lib/loop/control-ports.js';
import {
  builtinIntentExecutor,
  execResult as done,
  tail40,
  type IntentFilePorts,
  type JsonRead,
} from '../../../lib/loop/intent-executor.js';
import { superloopArgs } from '../../../lib/loop/intent-command.js';
import { CliError } from '../../cli/errors.js';
import { alertSecretVars } from './alert-secrets.js';
import { readJsonDoc } from '../../cli/json-doc.js';
import type { LoopPaths } from '../../cli/loop-paths.js';

const readJson = async (file: string): Promise<JsonRead> => {
  try {
    const doc = await readJsonDoc(file, `invalid JSON: ${file}`);
    return doc.found ? { kind: 'found', value: doc.value } : { kind: 'missing' };
  } catch (err) {
    return { kind: 'problem', errorLine: err instanceof CliError ? err.errorLine : String(err) };
  }
};

// Every file the intent touches is a loop artifact: confined to the repo (and state dir) first.
const filePortsUnder = (roots: ArtifactRoots): IntentFilePorts => ({
  remove: async (file) => {
    try {
      await fsp.unlink(await confineArtifact(roots, file));
      return { kind: 'removed' };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'failed', message: (err as Error).message };
    }
  },
  readJson: async (file) => readJson(await confineArtifact(roots, file)),
  writeText: (file, text) => writeArtifactText(roots, file, text),
  appendRecords: (file, records) => appendArtifact(roots, file, records),
  appendText: async (file, text) => fsp.appendFile(await confineArtifact(roots, file), text),
});

/** Makes the superloop CLI's file changes directly (no superloop installation needed). */
export const builtinExecutor = (p: LoopPaths): IntentExecutor =>
  builtinIntentExecutor(
    {
      repo: p.repo,
      state: p.state,
      approval: p.approval,
      events: p.events,
      decisionsJsonl: join(p.loopDir, 'decisions.jsonl'),
      decisionsMd: join(p.loopDir, 'decisions.md'),
    },
    filePortsUnder(loopRoots(p)),
  );

/** Runs a superloop binary with the intent's arguments; `env` is the child's whole environment. */
export const binExecutor = (bin: string, env: NodeJS.ProcessEnv): IntentExecutor => ({
  program: bin,
  isSuperloopCli: true,
  run: (cmd) =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const child = spawn(bin, superloopArgs(cmd), { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stderr.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', (err) => resolve(done(`error: cannot run ${bin}: ${err.message}`, 127)));
      child.on('close', (code, signal) =>
        resolve(done(tail40(Buffer.concat(chunks).toString('utf8')), code ?? (signal === null ? 1 : 128))),
      );
    }),
});

/** The child environment: the caller's, minus the service token and alert secret variables. */
export const childEnv = (env: NodeJS.ProcessEnv, secretVars: readonly string[]): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of ['OPS_MANAGER_SERVICE_TOKEN', ...secretVars, ...alertSecretVars(env)]) delete out[name];
  return out;
};
