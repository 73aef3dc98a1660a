// opsfold runbook ready: the S-6 start conditions of a TOS root (seed 003), each met or with its reason.
// Reads the closeout documents, config_v0_3.json, logs/last_checkpoint.txt, git, and whether the API key
// variables are set (their values are never read out or printed). The decision is lib/runbook.
import { resolve } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { TosConfig } from '../../lib/runbook/codecs.js';
import { gatherStart } from '../../lib/runbook/start-gather.js';
import { readinessText, startReadiness } from '../../lib/runbook/start-conditions.js';
import { CONFIG_FILE } from '../../lib/runbook/tos-facts.js';
import { required, type Command } from '../cli/command.js';
import { writeOut } from '../cli/write-out.js';
import { rootFlag } from './flags.js';
import { tosPorts, tosRoot } from './gather.js';
import { gitIn } from './git.js';
import { readRootBytes } from './read-bytes.js';

export const runbookReady: Command = {
  path: ['runbook', 'ready'],
  title: 'the S-6 start conditions of a TOS root, each with its reason',
  usage: '--root <path> [--json]',
  summary:
    'Checks what the runbook requires before S-6 stable operation starts: the S-5 closeout declared ' +
    '(docs/s5_closeout.md, every box checked, and docs/s5_closeout_checklist.md when present), a canonical ' +
    'config_v0_3.json (no undocumented key or mode), OPENAI_API_KEY and ANTHROPIC_API_KEY set in the ' +
    'environment, and a checkpoint (logs/last_checkpoint.txt naming a commit of the root). Prints `ready` or ' +
    '`not ready`, then `met <id>` or `missing <id>: <reason>` per condition.',
  flags: {
    root: rootFlag,
    json: { type: 'boolean', help: 'Print {ready, conditions[{id, met, reason}], unchecked} as JSON.' },
  },
  exits: {
    0: 'ready: every condition met',
    1: 'not ready (a condition missing), or the root or a file is unreadable',
    64: 'usage error',
  },
  notes: [
    'Conditions: s5_closeout, canonical_context, api_keys, checkpoint. "The operator has understood the',
    'runbook" is listed as not checked. Key values are never printed, only which variable is not set.',
  ],
  async run(v, _pos, io) {
    const root = await tosRoot(io.cwd, required(v, 'root'));
    const reads = tosPorts(root);
    const facts = await gatherStart({
      bytes: (rel) => readRootBytes(root, resolve(root, rel), rel),
      config: () => reads.read(CONFIG_FILE, CONFIG_FILE, TosConfig),
      git: gitIn(root, io.env),
      env: io.env,
    });
    const r = startReadiness(facts);
    await writeOut(io.stdout, v['json'] === true ? stableJson(r) : readinessText(r));
    return r.ready ? 0 : 1;
  },
};
