// The edge of `runbook run`: the orchestrator command and each allowed step command run as child
// processes (an argument vector, no shell for the orchestrator; a command's own interpreter for its
// code), and the run's documents are written atomically through a Store confined to the root.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { runChild } from '../../lib/io/process.js';
import { fileStore } from '../../lib/io/store.js';
import type { OrchestratorPorts } from '../../lib/runbook/run-loop.js';
import type { RunPorts } from '../../lib/runbook/run-root.js';
import type { TosSettings } from '../../lib/runbook/settings.js';
import { stepAnswerOf } from '../../lib/runbook/step-protocol.js';
import type { TosPaths } from '../../lib/runbook/tos-facts.js';
import type { Io } from '../cli/command.js';
import { refusedAs } from '../cli/refused-write.js';

/** The interpreter each command type runs under; a type outside this table cannot run (exit 127). */
const INTERPRETERS: Readonly<Record<string, readonly string[]>> = {
  powershell: [process.platform === 'win32' ? 'powershell' : 'pwsh', '-NoProfile', '-Command'],
  pwsh: ['pwsh', '-NoProfile', '-Command'],
  sh: ['sh', '-c'],
  bash: ['bash', '-c'],
};

const stepName = (n: number): string => `step_${String(n).padStart(3, '0')}.json`;

/** The orchestrator ports of one run of `argv` in the root; `now` stamps the documents. */
export const orchestratorPorts =
  (io: Io, now: () => string): RunPorts['orchestrator'] =>
  (argv: readonly string[], paths: TosPaths, s: TosSettings): OrchestratorPorts => {
    const store = fileStore(paths.root);
    const env = { PATH: process.env['PATH'], ...io.env, TOS_ROOT: paths.root };
    const child = { cwd: paths.root, env, timeoutMs: s.timeoutSec * 1000 };
    const [program = '', ...args] = argv;
    return {
      ask: async (request) =>
        stepAnswerOf(await runChild(program, args, { ...child, input: `${JSON.stringify(request)}\n` })),
      execute: async (cmd, timeoutSec) => {
        const [exe = '', ...pre] = INTERPRETERS[cmd.type] ?? [];
        if (exe === '')
          return {
            returncode: 127,
            stdout: '',
            stderr: `no interpreter for type ${cmd.type}`,
            timeout: false,
          };
        const r = await runChild(exe, [...pre, cmd.code], {
          ...child,
          input: '',
          timeoutMs: timeoutSec * 1000,
        });
        return { returncode: r.code, stdout: r.stdout, stderr: r.stderr, timeout: r.code === 124 };
      },
      stepExists: async (n) =>
        (await fsp.lstat(join(paths.stepsDir, stepName(n))).catch(() => null)) !== null,
      writeStep: (n, log) => refusedAs(() => store.write(join(paths.stepsDir, stepName(n)), log)),
      writePhaseState: (state) => refusedAs(() => store.write(paths.phaseState, state)),
      writeJobResult: async (doc) => {
        await refusedAs(() => store.write(paths.jobResult, doc));
        return paths.jobResult;
      },
      now,
    };
  };
