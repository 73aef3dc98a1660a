// opsfold runbook clean: the cleanup of cleanrun (the step logs, phase_summary.json, phase_state.json
// and job_result.json go). A file in a directory whose real location is outside the root is refused,
// never removed; a symlink inside the root is removed as a link, as rm would.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { confine } from '../../lib/io/confine.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { cleanRoot, cleanRootReport } from '../../lib/runbook/run-steps.js';
import { required, type Command, type Io } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { jsonReportFlag, rootFlag } from './flags.js';
import { tosRoot } from './gather.js';
import { runbookPorts } from './ports.js';

/** Removes `file` (confined to the root); false when there was none. */
export const removeIfThere = async (root: string, file: string): Promise<boolean> => {
  const dir = await confine(root, dirname(file));
  if (!dir.ok) throw new CliError(`cannot remove ${file}`, [`refused: ${dir.reason}`]);
  try {
    await fsp.unlink(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new CliError(`cannot remove ${file}`, [(err as Error).message]);
  }
};

/** Cleans the root as cleanrun does, printing each file removed. */
export const cleanOut = async (root: string, io: Io): Promise<void> =>
  writeOut(io.stdout, await cleanRoot(runbookPorts(root, io), root, (file) => removeIfThere(root, file)));

export const runbookClean: Command = {
  path: ['runbook', 'clean'],
  prints: 'text',
  title: 'remove what cleanrun removes from a TOS root',
  usage: '--root <path> [--json]',
  summary:
    'Remove logs/steps/step_*.json, logs/phase_summary.json, workspace/artifacts/phase_state.json and ' +
    "job_result.json (the config's paths), as cc_run.ps1 -Clean / cleanrun does before a run. Prints each file removed.",
  flags: { root: rootFlag, json: jsonReportFlag('runbook-clean-report') },
  exits: {
    0: 'cleaned (nothing to remove is fine)',
    1: 'the root is missing or a file could not be removed',
    64: 'usage error',
  },
  async run(v, _pos, io) {
    const root = await tosRoot(io.cwd, required(v, 'root'));
    if (v['json'] !== true) await cleanOut(root, io);
    else {
      const remove = (file: string) => removeIfThere(root, file);
      await writeOut(io.stdout, stableJson(await cleanRootReport(runbookPorts(root, io), root, remove)));
    }
    return 0;
  },
};
