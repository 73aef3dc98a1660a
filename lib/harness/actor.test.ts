// Seed 004 §7.2–7.3: evidence levels and the claim each allows.
import { describe, expect, it } from 'vitest';
import { claimOf, commitActorOf, weakestLevel } from './actor.js';

const c = (message: string, sha = 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0') => ({
  sha,
  author: 'hermes',
  message,
});

describe('actor evidence level', () => {
  it('L2 for a [task-N] [actor] prefix', () => {
    expect(commitActorOf(c('[task-2703] [vulcan] wire gate'), [], null, null)).toMatchObject({
      level: 'L2',
      evidence: 'commit_prefix',
      actor: 'vulcan',
      task_id: 'task-2703',
    });
  });
  it('L2 for a Sub-Agent trailer', () => {
    expect(commitActorOf(c('wire gate\n\nSub-Agent: vulcan'), [], null, null)).toMatchObject({
      level: 'L2',
      actor: 'vulcan',
    });
  });
  it('L1 for anything else, with the claimed actor only', () => {
    expect(commitActorOf(c('wire gate'), [], null, 'vulcan')).toMatchObject({ level: 'L1', actor: 'vulcan' });
  });
  it('L3 when the runtime audit log names the executor for the commit or for the task', () => {
    const byCommit = [{ executor: 'vulcan', commit: 'a1b2c3d' }];
    expect(commitActorOf(c('wire gate'), byCommit, null, 'hermes')).toMatchObject({
      level: 'L3',
      actor: 'vulcan',
    });
    const byTask = [{ executor: 'vulcan', task_id: 'task-2703', tool: 'Task', subagent_type: 'vulcan' }];
    expect(commitActorOf(c('[task-2703] [hermes] x'), byTask, null, null)).toMatchObject({
      level: 'L3',
      actor: 'vulcan',
    });
    expect(commitActorOf(c('[task-2704] [hermes] x'), byTask, null, null).level).toBe('L2');
  });
  it('given an audit line without a commit field, a prefix-less commit by another author stays below L3', () => {
    const byTask = [{ executor: 'vulcan', task_id: 'task-2703', tool: 'Task', subagent_type: 'vulcan' }];
    const foreign = { ...c('fix typo in server'), author: 'someone-else' };
    expect(commitActorOf(foreign, byTask, 'task-2703', 'vulcan')).toMatchObject({
      level: 'L1',
      evidence: 'self_attestation',
      task_id: 'task-2703',
    });
    const trailer = c('wire gate\n\nSub-Agent: maat');
    expect(commitActorOf(trailer, byTask, 'task-2703', null)).toMatchObject({ level: 'L2', actor: 'maat' });
    // A trailer naming the line's executor, in the range's task, is tied to the line.
    const own = c('gate script\n\nSub-Agent: vulcan');
    expect(commitActorOf(own, byTask, 'task-2703', null)).toMatchObject({ level: 'L3', actor: 'vulcan' });
    expect(commitActorOf(own, byTask, 'task-2704', null).level).toBe('L2');
    // The same line still lifts a commit whose own prefix names the task; a commit-field line still lifts its commit.
    expect(commitActorOf(c('[task-2703] [vulcan] x'), byTask, 'task-2703', null).level).toBe('L3');
    expect(
      commitActorOf(foreign, [{ executor: 'maat', commit: 'a1b2c3d4' }], 'task-2703', null),
    ).toMatchObject({ level: 'L3', actor: 'maat' });
  });
  it('a commit prefix shorter than 7 hex digits never matches', () => {
    expect(commitActorOf(c('x'), [{ executor: 'vulcan', commit: 'a1b' }], null, null).level).toBe('L1');
  });
  it('the overall level is the weakest', () => {
    expect(weakestLevel(['L3', 'L2'])).toBe('L2');
    expect(weakestLevel(['L3', 'L1', 'L2'])).toBe('L1');
    expect(weakestLevel([])).toBe('L1');
  });
  it('each level allows only its own claim wording (seed §7.3)', () => {
    expect(claimOf('L1', 'vulcan')).toBe('주장된 actor: vulcan (★ self-attestation only · verifiable 0)');
    expect(claimOf('L2', 'vulcan')).toBe('commit author trailer 기준: vulcan (★ pre-commit hook 강제)');
    expect(claimOf('L3', 'vulcan')).toBe(
      'runtime hook 기록 기준: vulcan (★ tool-call gate 가 actor 자동 식별)',
    );
  });
});
