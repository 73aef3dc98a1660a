// opsfold harness finish-check: the finish-task profile of a task by its mode (seed 004 §6).
// git_evidence, L1 smoke and scope guard are judged PASS/WARN/FAIL/NOT_APPLICABLE by the mode's rules;
// the scope guard reads the real `git diff base..HEAD` and calls changes the task did not make
// EXTERNAL_DIRTY_BLOCKER. With --root the result is kept for `harness status`.
import * as E from 'fp-ts/lib/Either.js';
import { dirname, join, resolve } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { FinishEvidence, TaskMode } from '../../lib/harness/finish-codecs.js';
import { finishProfileOf } from '../../lib/harness/finish-profile.js';
import { fileStore, readDocument } from '../../lib/io/store.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { required, str, type Command } from '../cli/command.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { foundOr } from '../cli/json-doc.js';
import { commonExits, taskFlag } from './flags.js';
import { gitFacts } from '../../lib/harness/git-facts.js';
import { gitIn } from './git.js';
import { fileSha, markerDoc, withBlocker } from './finish-gather.js';
import { checkTaskId } from './workspace.js';

export const harnessFinishCheck: Command = {
  path: ['harness', 'finish-check'],
  prints: 'json',
  title: 'judge git evidence, L1 smoke and scope guard by the task mode',
  usage: '--task <id> --mode <mode> --evidence F [--repo G --base main] [--root W]',
  summary:
    'Evaluate the finish-task profile (seed 004 §6.3) for task modes code, system_hook, local_runtime, read_only, ' +
    'callback_only and closeout_marker_only: git_evidence, L1 smoke and scope guard each PASS, WARN, FAIL or ' +
    'NOT_APPLICABLE (where the seed defines no rule); out-of-scope changes the task did not make are ' +
    'EXTERNAL_DIRTY_BLOCKER. The evidence file format is contracts/harness-finish-evidence.schema.json.',
  flags: {
    task: taskFlag,
    mode: {
      type: 'string',
      arg: 'mode',
      help: 'code | system_hook | local_runtime | read_only | callback_only | closeout_marker_only',
    },
    evidence: { type: 'string', arg: 'path', help: 'Evidence JSON (opsfold format, see contracts/).' },
    repo: { type: 'string', arg: 'dir', help: 'Git repository whose base..HEAD is checked.' },
    base: { type: 'string', arg: 'ref', help: 'Base ref of the scope diff. Default: main.' },
    root: {
      type: 'string',
      arg: 'dir',
      help: 'Workspace: read <task>.external-dirty-blocker.json, keep the result.',
    },
    'as-of': asOfFlag,
  },
  exits: { ...commonExits, [EXIT.gate]: 'the overall result is FAIL' },
  async run(v, _pos, io) {
    const taskId = checkTaskId(required(v, 'task'));
    const mode = required(v, 'mode');
    if (E.isLeft(TaskMode.decode(mode))) throw usageError(`--mode is not a task mode: ${mode}`);
    const evidencePath = resolve(io.cwd, required(v, 'evidence'));
    const got = await readDocument(evidencePath, FinishEvidence);
    const found = foundOr(got, `invalid finish evidence: ${evidencePath}`, evidencePath);
    if (!found.found) throw new CliError(`evidence file not found: ${required(v, 'evidence')}`);
    const read = found.value;
    if (read.task_mode !== undefined && read.task_mode !== mode)
      throw usageError(`--mode ${mode} contradicts task_mode ${read.task_mode} of the evidence file`);
    const rootFlag = str(v, 'root');
    const root = rootFlag === undefined ? undefined : fileStore(resolve(io.cwd, rootFlag));
    const evidence = await withBlocker(read, root, taskId);
    const base = dirname(evidencePath);
    const repo = str(v, 'repo');
    const result = finishProfileOf(
      {
        taskId,
        mode: mode as TaskMode,
        evidence,
        git:
          repo === undefined ? null : await gitFacts(gitIn(resolve(io.cwd, repo)), str(v, 'base') ?? 'main'),
        markerDocs: await Promise.all((evidence.markers ?? []).map((m) => markerDoc(base, m))),
        envelopeFileSha: await fileSha(base, evidence.callback?.envelope_file),
      },
      asOfOf(v, io).iso,
    );
    if (root !== undefined) await root.write(join('memory', 'harness', 'finish', `${taskId}.json`), result);
    await writeOut(io.stdout, stableJson(result));
    return result.overall === 'FAIL' ? EXIT.gate : EXIT.ok;
  },
};
