// opsfold harness actor: the evidence level of each commit's actor in a range (seed 004 §7) and the claim
// wording each level allows. L3 from a runtime audit JSONL naming the executor, L2 from `[task-N] [actor]`
// prefixes or `Sub-Agent:` trailers, otherwise L1 self-attestation (verifiable 0).
import { promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../../lib/core/codec.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { actorReport } from '../../lib/harness/actor-report.js';
import { ActorAuditLine } from '../../lib/harness/input-codecs.js';
import { cursorStart } from '../../lib/core/position.js';
import { fileSource } from '../../lib/io/source.js';
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import { required, str, type Command } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { isOpsfoldHook } from '../../lib/harness/commit-hook.js';
import { commitsOf } from '../../lib/harness/git-facts.js';
import { commonExits } from './flags.js';
import { gitIn, hookPathOf } from './git.js';

// The audit log is named by the operator (it may live anywhere): read where it is, not confined.
const readAudit = async (file: string): Promise<ActorAuditLine[]> => {
  const out: ActorAuditLine[] = [];
  const dec = (v: unknown) => E.mapLeft((e: { message: string }) => e.message)(decode(ActorAuditLine, v));
  const source = fileSource(file, { decode: dec });
  try {
    for await (const batch of source.batches(cursorStart))
      out.push(...batch.items.flatMap((i) => (i.kind === 'record' ? [i.value] : [])));
  } catch (err) {
    if (err instanceof CorruptLineError) throw new CliError(`corrupt audit log line`, [err.message]);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`audit log not found: ${file}`);
    throw err;
  }
  return out;
};

const hookInstalled = async (repo: string): Promise<boolean> => {
  const text = await fsp.readFile(await hookPathOf(repo), 'utf8').catch(() => '');
  return isOpsfoldHook(text);
};

export const harnessActor: Command = {
  path: ['harness', 'actor'],
  prints: 'json',
  title: 'attribute the commits of a range to actors with an evidence level L1/L2/L3',
  usage: '--repo <dir> --range A..B [--audit-log F] [--task T] [--claimed-actor A]',
  summary:
    'For each commit of the range: L3 RUNTIME_HOOK_EVIDENCE when the runtime audit JSONL names the executor ' +
    '(for the commit sha, or for a task the commit’s own prefix or trailer ties it to), L2 AUDIT_LOG_OR_COMMIT_TRAILER for a `[task-N] [actor]` prefix or a ' +
    '`Sub-Agent:` trailer, else L1 SELF_ATTESTATION. The overall level is the weakest; prints the claim wording ' +
    'each level allows (seed 004 §7.3).',
  flags: {
    repo: { type: 'string', arg: 'dir', help: 'Git repository.' },
    range: { type: 'string', arg: 'A..B', help: 'Commit range, e.g. main..HEAD.' },
    'audit-log': {
      type: 'string',
      arg: 'path',
      help: 'Runtime audit JSONL: {executor, task_id?, commit?, ts?, tool?}.',
      input: true,
    },
    task: {
      type: 'string',
      arg: 'id',
      help: 'Task the range belongs to (an audit line without a commit lifts only commits whose prefix or trailer names its task or executor).',
    },
    'claimed-actor': {
      type: 'string',
      arg: 'name',
      help: 'The actor the report claims (used for L1 wording).',
    },
  },
  exits: commonExits,
  async run(v, _pos, io) {
    const repo = resolve(io.cwd, required(v, 'repo'));
    const range = required(v, 'range');
    const auditPath = str(v, 'audit-log');
    const audit = auditPath === undefined ? [] : await readAudit(resolve(io.cwd, auditPath));
    const query = {
      range,
      task: str(v, 'task') ?? null,
      claimed: str(v, 'claimed-actor') ?? null,
      hookInstalled: await hookInstalled(repo),
    };
    const report = actorReport(query, await commitsOf(gitIn(repo), range), audit);
    await writeOut(io.stdout, stableJson(report));
    return 0;
  },
};
