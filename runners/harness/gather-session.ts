// The bot-session evidence of an observation: the processes whose argv or system prompt names the task
// or its schedule id (the controller's own prompt excluded), from /proc or a captured table.
import type { SessionEvidence } from '../../lib/harness/observation-codec.js';
import { promptPathsOf, sessionsOf } from '../../lib/harness/sessions.js';
import { readPrompts, type ProcessSource } from './processes.js';

/** The session evidence of one task; `unknown` when no process source is available. */
export const sessionOf = async (
  src: ProcessSource,
  q: { taskId: string; scheduleId: string | null; controllerPrompt: string | null },
): Promise<SessionEvidence> => {
  if (src.kind === 'none')
    return { status: 'unknown', source: 'none', pids: [], prompt_paths: [], unattributed: 0 };
  const prompts = await readPrompts(src.processes.flatMap((p) => promptPathsOf(p.argv)));
  const m = sessionsOf(src.processes, { ...q, prompts });
  return {
    status: m.status,
    source: src.kind,
    pids: m.pids,
    prompt_paths: m.promptPaths,
    unattributed: m.unattributed,
  };
};
