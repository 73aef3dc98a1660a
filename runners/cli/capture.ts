// Runs a command line in-process with captured stdout/stderr: the demo and the tests use it.
import { Writable } from 'node:stream';
import type { Command, Io } from './command.js';
import { main } from './main.js';

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const sink = () => {
  let text = '';
  const stream = new Writable({
    write: (chunk, _enc, done) => {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
};

/** Runs `argv` against `commands` with `io` (whose streams are replaced by captures). */
export const runCaptured = async (
  commands: readonly Command[],
  argv: readonly string[],
  io: Omit<Io, 'stdout' | 'stderr'>,
): Promise<Ran> => {
  const out = sink();
  const err = sink();
  const code = await main(commands, argv, { ...io, stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
};
