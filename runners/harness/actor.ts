// opsfold harness actor: the evidence level of each commit's actor in a range (seed 004 §7) and the claim
// wording each level allows. L3 from a runtime audit JSONL naming the executor, L2 from `[task-N] [actor]`
// prefixes or `Sub-Agent:` trailers, otherwise L1 self-attestation (verifiable 0).
import { promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../../lib/core/codec.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { ACTOR_LEVELS, claimOf, commitActorOf, weakestLevel } from '../../lib/harness/actor.js';
import { ActorAuditLine } from '../../lib/harness/input-codecs.js';
import { iterateJsonlBatches } from '../../lib/io/jsonl.js';
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import { required, str, type Command } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { HOOK_TAG, hookPathOf } from './commit-hook.js';
import { commonExits } from './flags.js';
import { commitsOf } from './git.js';

const readAudit = async (file: string): Promise<ActorAuditLine[]> => {
  const out: ActorAuditLine[] = [];
  const dec = (v: unknown) => E.mapLeft((e: { message: string }) => e.message)(decode(ActorAuditLine, v));
  const take = (items: readonly { kind: string; value?: ActorAuditLine }[]) =>
    items.forEach((i) => i.kind === 'record' && i.value !== undefined && out.push(i.value));
  try {
    for await (const batch of iterateJsonlBatches(file, { decode: dec })) take(batch.items);
  } catch (err) {
    if (err instanceof CorruptLineError) throw new CliError(`corrupt audit log line`, [err.message]);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`audit log not found: ${file}`);
    throw err;
  }
  return out;
};

const hookInstalled = async (repo: string): Promise<boolean> => {
  const text = await fsp.readFile(await hookPathOf(repo), 'utf8').catch(() => '');
  return text.includes(HOOK_TAG);
};

export const harnessActor: Command = {
  path: ['harness', 'actor'],
  title: 'attribute the commits of a range to actors with an evidence level L1/L2/L3',
  usage: '--repo <dir> --range A..B [--audit-log F] [--task T] [--claimed-actor A]',
  summary:
    'For each commit of the range: L3 RUNTIME_HOOK_EVIDENCE when the runtime audit JSONL names the executor ' +
    '(for the commit sha, or for the task), L2 AUDIT_LOG_OR_COMMIT_TRAILER for a `[task-N] [actor]` prefix or a ' +
    '`Sub-Agent:` trailer, else L1 SELF_ATTESTATION. The overall level is the weakest; prints the claim wording ' +
    'each level allows (seed 004 §7.3).',
  flags: {
    repo: { type: 'string', arg: 'dir', help: 'Git repository.' },
    range: { type: 'string', arg: 'A..B', help: 'Commit range, e.g. main..HEAD.' },
    'audit-log': {
      type: 'string',
      arg: 'path',
      help: 'Runtime audit JSONL: {executor, task_id?, commit?, ts?, tool?}.',
    },
    task: {
      type: 'string',
      arg: 'id',
      help: 'Task the range belongs to (audit lines without a commit match by task).',
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
    const task = str(v, 'task') ?? null;
    const claimed = str(v, 'claimed-actor') ?? null;
    const commits = (await commitsOf(repo, range)).map((c) => commitActorOf(c, audit, task, claimed));
    const level = weakestLevel(commits.map((c) => c.level));
    const actors = [
      ...new Set(commits.map((c) => c.actor ?? claimed).filter((a): a is string => a !== null)),
    ].sort();
    const atLevel = commits.filter((c) => c.level === level);
    const claimActors = [...new Set(atLevel.map((c) => c.actor ?? claimed))];
    const report = {
      range,
      task_id: task,
      level,
      level_name: ACTOR_LEVELS[level],
      actors,
      claims: (claimActors.length === 0 ? [claimed] : claimActors).map((a) => claimOf(level, a)),
      commit_msg_hook_installed: await hookInstalled(repo),
      commits,
    };
    await writeOut(io.stdout, stableJson(report));
    return 0;
  },
};
