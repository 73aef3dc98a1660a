// opsfold runbook rollback: cc_run.ps1 -Mode rollback. Refuses a dirty tree; resolves the target
// (--target, else logs/last_checkpoint.txt); git fetch when a remote exists; git reset --hard and
// git clean -fd, keeping logs/last_checkpoint.txt; prints `rollback <hash>`; then the launcher's
// automatic test: a clean re-run of the orchestrator (cleanrun, with the same summary file) and the test
// verdict over what it left; exit 1 when that test fails.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { LAST_CHECKPOINT } from '../../lib/runbook/checkpoint-file.js';
import { rollbackRoot } from '../../lib/runbook/git-steps.js';
import { asOfFlag } from '../cli/clock.js';
import { required, str, type Command } from '../cli/command.js';
import { writeOut } from '../cli/write-out.js';
import { writeTextConfined } from './apply.js';
import { jsonReportFlag, rootFlag, summaryFileFlag } from './flags.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { tosRoot } from './gather.js';
import { gitIn } from './git.js';
import { readRootBytes } from './read-bytes.js';
import { orchestratorFlag, runOnce, runReport } from './run.js';
import { runTest, testReport } from './test-mode.js';

const readKept = (root: string, file: string): Promise<Buffer | null> =>
  readRootBytes(root, file, LAST_CHECKPOINT);

const restoreKept = async (root: string, file: string, kept: Uint8Array | null): Promise<void> => {
  if (kept === null) return;
  const now = await fsp.readFile(file).catch(() => null);
  if (now === null || !now.equals(kept)) await writeTextConfined(root, file, Buffer.from(kept));
};

export const runbookRollback: Command = {
  path: ['runbook', 'rollback'],
  prints: 'text',
  title: 'reset a TOS root to a checkpoint, then re-run it clean and give the test verdict',
  usage:
    '--root <path> [--target <commit>] [--orchestrator JSON] [--summary-file F] [--as-of RFC3339] [--json]',
  summary:
    'Refuse a dirty working tree; roll back to --target (default: the hash in logs/last_checkpoint.txt) with git ' +
    'fetch (when a remote exists), git reset --hard and git clean -fd, keeping logs/last_checkpoint.txt; print ' +
    '`rollback <hash>`; then the automatic test: clean the root and run the orchestrator (as `runbook cleanrun`, ' +
    'with the same --summary-file), and print the test verdict over what the run left (as `runbook test`).',
  flags: {
    root: rootFlag,
    target: {
      type: 'string',
      arg: 'commit',
      help: 'Commit to roll back to. Default: logs/last_checkpoint.txt',
    },
    orchestrator: orchestratorFlag,
    'summary-file': summaryFileFlag,
    'as-of': asOfFlag,
    json: jsonReportFlag('runbook-rollback-report'),
  },
  exits: {
    0: 'rolled back and the test passed',
    1: 'dirty tree, no target, unknown commit, git failed, no orchestrator command, or the test after rollback failed',
    64: 'usage error',
    75: 'another run holds the root',
  },
  async run(v, _pos, io) {
    const rootArg = required(v, 'root');
    const given = str(v, 'target');
    const root = await tosRoot(io.cwd, rootArg);
    const keptFile = join(root, LAST_CHECKPOINT);
    const ports = {
      git: gitIn(root, io.env),
      readKept: () => readKept(root, keptFile),
      restoreKept: (kept: Uint8Array | null) => restoreKept(root, keptFile, kept),
      note: (text: string) => io.stderr.write(text),
    };
    const hash = await rollbackRoot(ports, { rootArg, target: given });
    if (v['json'] === true) {
      const run = await runReport(root, io, v);
      const test = await testReport(root, io, v);
      await writeOut(io.stdout, stableJson({ rollback: hash, run, test, passed: test.passed }));
      return test.passed ? 0 : 1;
    }
    await writeOut(io.stdout, `rollback ${hash}\nauto test after rollback\n`);
    await runOnce(root, io, v, true);
    const verdict = await runTest(root, io, v);
    if (verdict.decision.value === 'passed') return 0;
    await writeOut(io.stdout, 'test after rollback failed\n');
    return 1;
  },
};
