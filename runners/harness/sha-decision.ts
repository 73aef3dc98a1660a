// opsfold harness sha-decision: the bot's task md sha check (seed 004 §4). Compares the sha it was given
// with the md it reads, keeps the dispatch-entry and dispatch-final sha apart, diffs against the original
// on a mismatch, and records the four decision fields in <task_id>.task-md-sha-decision.json. Exit 2
// when continuing is not allowed.
import { dirname, join, resolve } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { shaDecisionOf } from '../../lib/harness/sha-decision.js';
import { isoInZone } from '../../lib/harness/zone.js';
import { writeFileAtomic } from '../../lib/io/atomic.js';
import { fileStore } from '../../lib/io/store.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { required, str, type Command, type Io } from '../cli/command.js';
import { EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { commonExits, taskFlag } from './flags.js';
import { readOperatorFile, sha256 } from './operator-file.js';
import { checkTaskId } from './workspace.js';

const HEX64 = /^[0-9a-f]{64}$/;

const readText = async (io: Io, file: string): Promise<{ text: string; sha: string }> => {
  const data = await readOperatorFile(io.cwd, file);
  return { text: data.toString('utf8'), sha: sha256(data) };
};

const shaFlag = (v: Record<string, unknown>, name: string): string | null => {
  const s = typeof v[name] === 'string' ? (v[name] as string).toLowerCase() : null;
  if (s !== null && !HEX64.test(s)) throw usageError(`--${name} must be a sha256 hex digest: ${s}`);
  return s;
};

export const harnessShaDecision: Command = {
  path: ['harness', 'sha-decision'],
  prints: 'json',
  title: 'decide whether a bot may continue when the task md sha differs',
  usage:
    '--task <id> --task-md F --expected-sha S [--dispatch-final-sha S2] [--original F0] [--root W | --out F]',
  summary:
    'Compare the received sha (dispatch-entry --expected-sha, and --dispatch-final-sha kept apart) with the task ' +
    'md as read; on a mismatch diff it against the original md and classify content_verbatim_match and ' +
    'metadata_patch_detected, set continue_allowed and a reason from a closed enum (sha_match, ' +
    'verbatim_match_metadata_patch_ok, verbatim_mismatch_block, expected_sha_outdated_resync, ' +
    'original_unavailable_block, original_sha_mismatch_block). Written to <task_id>.task-md-sha-decision.json.',
  flags: {
    task: taskFlag,
    'task-md': { type: 'string', arg: 'path', help: 'The task md as the bot reads it.' },
    'expected-sha': { type: 'string', arg: 'hex', help: 'The sha the bot received (dispatch entry).' },
    'dispatch-final-sha': {
      type: 'string',
      arg: 'hex',
      help: 'The sha dispatch recomputed after its write.',
    },
    original: { type: 'string', arg: 'path', help: 'The md as it was at dispatch entry, for the diff.' },
    root: { type: 'string', arg: 'dir', help: 'Write the decision under <root>/memory/events/.' },
    out: {
      type: 'string',
      arg: 'path',
      help: "Decision file. Default: <root>/memory/events/ or the md's directory.",
    },
    zone: { type: 'string', arg: '±HH:MM', help: 'Zone of decided_at. Default +09:00.' },
    'as-of': asOfFlag,
  },
  exits: { ...commonExits, [EXIT.gate]: 'continue_allowed is false (HOLD): the bot must not proceed' },
  async run(v, _pos, io) {
    const taskId = checkTaskId(required(v, 'task'));
    const mdPath = required(v, 'task-md');
    const expected = shaFlag(v, 'expected-sha') ?? required(v, 'expected-sha');
    const md = await readText(io, mdPath);
    const originalPath = str(v, 'original');
    const decision = shaDecisionOf({
      taskId,
      expectedSha: expected,
      dispatchFinalSha: shaFlag(v, 'dispatch-final-sha'),
      actualSha: md.sha,
      actualText: md.text,
      original: originalPath === undefined ? null : await readText(io, originalPath),
    });
    const rootFlag = str(v, 'root');
    const root = rootFlag === undefined ? null : fileStore(resolve(io.cwd, rootFlag));
    const dir = root !== null ? join(root.root, 'memory', 'events') : dirname(resolve(io.cwd, mdPath));
    const outFlag = str(v, 'out');
    const out = resolve(io.cwd, outFlag ?? join(dir, `${taskId}.task-md-sha-decision.json`));
    const doc = {
      ...decision,
      task_md: mdPath,
      decided_at: isoInZone(asOfOf(v, io).ms, str(v, 'zone') ?? '+09:00'),
    };
    const text = stableJson(doc);
    // Under --root the decision is a workspace artifact (confined); --out names a file anywhere.
    if (root !== null && outFlag === undefined) await root.write(out, doc);
    else await writeFileAtomic(out, text);
    await writeOut(io.stdout, text);
    return decision.continue_allowed ? EXIT.ok : EXIT.gate;
  },
};
