// The protocol between `runbook run` and the orchestrator command, one child process per step. The
// request goes on its stdin (StepRequestDoc: the step, the S-5 flag, the job and its payload cut to
// 2,000 characters, the history). It answers on stdout: one JSON object, either
// {"done": true, "done_reason": "…"} (the phase's goal is met: the origin's evaluate_phase_done at the
// head of a step) or {"commands": [{"type": "powershell", "code": "…"}], "summary": "…"} (the step's
// final commands, which opsfold checks against the execution policy before any runs). A command that
// exits non-zero, times out or prints anything else made no step: fatal_error, naming why.
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { StepAnswer } from './run-decide.js';

/** What the orchestrator command receives for one step (stdin); run-decide.ts builds it. */
export const StepRequestDoc = t.type(
  {
    step_num: t.number,
    max_steps: t.number,
    is_experimental: t.boolean,
    job_loop: t.type({
      enabled: t.boolean,
      job_name: t.string,
      job_index: t.union([t.number, t.null]),
      max_jobs: t.number,
    }),
    job_payload_json: t.string,
    history: t.array(t.type({ step: t.number, summary: t.string })),
  },
  'StepRequest',
);

/** The orchestrator command's answer for one step (stdout). */
export const StepAnswerDoc = t.partial(
  {
    done: t.boolean,
    done_reason: t.string,
    commands: t.array(t.type({ type: t.string, code: t.string })),
    summary: t.string,
  },
  'StepAnswer',
);

const lastLine = (text: string): string => text.trim().split('\n').at(-1)?.slice(0, 300) ?? '';

const parsed = (stdout: string): unknown => {
  try {
    return JSON.parse(stdout) as unknown;
  } catch {
    return undefined;
  }
};

/** Pure: the step's answer from the child's exit code and output. */
export const stepAnswerOf = (r: { code: number; stdout: string; stderr: string }): StepAnswer => {
  if (r.code === 124) return { kind: 'failed', error: 'orchestrator command timed out' };
  if (r.code !== 0) {
    const why = lastLine(r.stderr) || lastLine(r.stdout);
    return { kind: 'failed', error: `orchestrator command exited ${r.code}${why === '' ? '' : `: ${why}`}` };
  }
  const doc = StepAnswerDoc.decode(parsed(r.stdout));
  if (isLeft(doc) || (doc.right.done !== true && doc.right.commands === undefined))
    return { kind: 'failed', error: 'orchestrator answer is not {"done": true} or {"commands": [...]}' };
  const a = doc.right;
  if (a.done === true) return { kind: 'done', reason: a.done_reason ?? 'done' };
  return { kind: 'commands', commands: a.commands ?? [], summary: a.summary ?? '' };
};
