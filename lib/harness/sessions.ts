// Session evidence (seed 004 §1.1–1.2 signal 4): a bot session is a process whose command line names a
// system-prompt file (`…/system_prompt_<hex>_<n>`) other than the controller's own, and whose prompt
// names the task or its schedule. Law: processes are matched on exact argv tokens, never on a broad
// substring, so a bot whose prompt path shares a directory with the controller's is still seen.

export interface ProcessSeen {
  readonly pid: number;
  readonly argv: readonly string[];
}

const PROMPT = /(?:^|\/)system_prompt_([0-9a-f]+)_(\d+)$/;

/** Pure: the system-prompt paths an argv names (as a token or as the value of `--flag=path`). */
export const promptPathsOf = (argv: readonly string[]): string[] =>
  argv
    .map((tok) => (tok.startsWith('--') && tok.includes('=') ? tok.slice(tok.indexOf('=') + 1) : tok))
    .filter((tok) => PROMPT.test(tok));

/** Pure: the hex id of a system-prompt path, or null. */
export const promptHexOf = (path: string): string | null => PROMPT.exec(path)?.[1] ?? null;

export interface SessionQuery {
  readonly taskId: string;
  readonly scheduleId: string | null;
  readonly controllerPrompt: string | null;
  /** Text of each referenced prompt file (null when it could not be read). */
  readonly prompts: ReadonlyMap<string, string | null>;
}

export interface SessionMatch {
  readonly status: 'seen' | 'absent' | 'unknown';
  readonly pids: number[];
  readonly promptPaths: string[];
  readonly unattributed: number;
}

const names = (text: string, word: string): boolean =>
  new RegExp(`(^|[^A-Za-z0-9_-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_-])`).test(text);

/** Pure: the bot sessions of the task among the processes. */
export const sessionsOf = (processes: readonly ProcessSeen[], q: SessionQuery): SessionMatch => {
  const controllerHex = q.controllerPrompt === null ? null : promptHexOf(q.controllerPrompt);
  const pids: number[] = [];
  const paths = new Set<string>();
  let unattributed = 0;
  for (const p of processes) {
    const bots = promptPathsOf(p.argv).filter(
      (x) => x !== q.controllerPrompt && promptHexOf(x) !== controllerHex,
    );
    if (bots.length === 0) continue;
    const mine = bots.filter((x) => {
      const text = q.prompts.get(x) ?? null;
      return text !== null && (names(text, q.taskId) || (q.scheduleId !== null && names(text, q.scheduleId)));
    });
    if (mine.length === 0) unattributed += 1;
    else {
      pids.push(p.pid);
      for (const x of mine) paths.add(x);
    }
  }
  const status = pids.length > 0 ? 'seen' : unattributed > 0 ? 'unknown' : 'absent';
  return { status, pids: pids.sort((a, b) => a - b), promptPaths: [...paths].sort(), unattributed };
};
