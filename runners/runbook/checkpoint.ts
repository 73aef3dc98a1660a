// opsfold runbook checkpoint: cc_run.ps1 -Mode checkpoint (git add ., commit "CHECKPOINT <name>" even
// when nothing changed, hash to logs/last_checkpoint.txt, confined to the root).
import { join } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { LAST_CHECKPOINT } from '../../lib/runbook/checkpoint-file.js';
import { commitCheckpoint, requireWorkTree } from '../../lib/runbook/git-steps.js';
import { required, type Command } from '../cli/command.js';
import { usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { writeTextConfined } from './apply.js';
import { jsonReportFlag, rootFlag } from './flags.js';
import { tosRoot } from './gather.js';
import { gitIn } from './git.js';

export const runbookCheckpoint: Command = {
  path: ['runbook', 'checkpoint'],
  prints: 'text',
  title: 'commit a CHECKPOINT of a TOS root and record its hash',
  usage: '--root <path> --name <text> [--json]',
  summary:
    'git add . and git commit -m "CHECKPOINT <name>" --allow-empty in the root, save the commit hash to ' +
    'logs/last_checkpoint.txt (the default target of rollback) and print `checkpoint <hash>`.',
  flags: {
    root: rootFlag,
    name: { type: 'string', arg: 'text', help: 'The checkpoint name (e.g. S4_before_big_change). Required.' },
    json: jsonReportFlag('runbook-checkpoint-report'),
  },
  exits: { 0: 'committed', 1: 'not a git work tree, or git failed', 64: 'usage error' },
  notes: ["Git runs with the command's environment: the commit uses your git identity."],
  async run(v, _pos, io) {
    const rootArg = required(v, 'root');
    const name = required(v, 'name');
    if (/[\r\n]/.test(name)) throw usageError('--name must be one line');
    const root = await tosRoot(io.cwd, rootArg);
    const git = gitIn(root, io.env);
    await requireWorkTree(git, rootArg);
    const hash = await commitCheckpoint(git, name);
    await writeTextConfined(root, join(root, LAST_CHECKPOINT), `${hash}\n`);
    const doc = { checkpoint: hash, file: LAST_CHECKPOINT };
    await writeOut(io.stdout, v['json'] === true ? stableJson(doc) : `checkpoint ${hash}\n`);
    return 0;
  },
};
