// The one entry point: finds the command for `opsfold <domain> <command>`, runs it, and turns every
// failure into an `error:` line, detail lines and a documented exit code. No stack traces for input
// problems; an unexpected failure still names itself and exits 1.
import { helpOf, parseFlags, type Command, type Io } from './command.js';
import { CliError, EXIT, usageError } from './errors.js';
import { withMaxLineBytes } from '../../lib/io/line-limit.js';
import { domainCommands, domainHelp, helpFor, topHelp } from './help.js';
import { unknownCommand } from './suggest.js';
import { packageVersion } from './version.js';
import { AtomicWriteError } from '../../lib/io/atomic.js';
import { ConfinementError } from '../../lib/io/confine.js';
import { AppendError } from '../../lib/io/append.js';
import { LockCompromised, LockConflict } from '../../lib/io/lock.js';
import { escapingStream } from './safe-stderr.js';
import { StepError } from '../../lib/core/step-error.js';

/** `--max-line-bytes N` (any command that declares it): the readers' line cap for this command. */
const lineCapOf = (raw: unknown): number | null => {
  if (typeof raw !== 'string') return null;
  if (!/^[1-9][0-9]{0,15}$/.test(raw) || !Number.isSafeInteger(Number(raw)))
    throw usageError(`--max-line-bytes must be a positive integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
};

const findCommand = (commands: readonly Command[], argv: readonly string[]): Command | undefined =>
  commands
    .filter((c) => c.path.every((word, i) => argv[i] === word))
    .sort((a, b) => b.path.length - a.path.length)[0];

/** True when argv[from, to) is a run of flags (with their values) that `c` accepts. */
const flagsOnly = (c: Command, argv: readonly string[], from: number, to: number): boolean => {
  for (let i = from; i < to; i += 1) {
    const name = argv[i]?.match(/^--([^=]+)(=.*)?$/);
    const flag = name?.[1] === undefined ? undefined : c.flags[name[1]];
    if (flag === undefined) return false;
    if (flag.type === 'string' && name?.[2] === undefined) {
      if (i + 1 >= to) return false;
      i += 1;
    }
  }
  return true;
};

/**
 * Pure: `opsfold queue --db F status` → `opsfold queue status --db F`. Some references take their
 * domain-wide flags before the subcommand; the flags must be ones the subcommand itself accepts.
 */
export const hoistSubcommand = (commands: readonly Command[], argv: readonly string[]): readonly string[] => {
  if (findCommand(commands, argv) !== undefined || !argv[1]?.startsWith('--')) return argv;
  for (const c of commands) {
    const [domain, sub] = c.path;
    if (c.path.length !== 2 || domain === undefined || domain !== argv[0] || sub === undefined) continue;
    for (let at = argv.indexOf(sub, 2); at > 0; at = argv.indexOf(sub, at + 1))
      if (flagsOnly(c, argv, 1, at)) return [domain, sub, ...argv.slice(1, at), ...argv.slice(at + 1)];
  }
  return argv;
};

const exitOf = (err: CliError | StepError): number =>
  err instanceof CliError ? err.code : err.usage ? EXIT.usage : EXIT.error;

const report = (io: Io, err: unknown): number => {
  if (err instanceof CliError || err instanceof StepError) {
    io.stderr.write(`error: ${err.errorLine}\n${err.details.map((d) => `  ${d}\n`).join('')}`);
    return exitOf(err);
  }
  if (err instanceof LockConflict) {
    io.stderr.write(`error: ${err.message}\n  another opsfold run holds it; retry when it is done\n`);
    return EXIT.lock;
  }
  // A run that lost its lock stopped writing at the fence; like a conflict, retrying is the way on.
  if (err instanceof LockCompromised) {
    io.stderr.write(`error: ${err.message}\n`);
    return EXIT.lock;
  }
  if (err instanceof AtomicWriteError || err instanceof AppendError || err instanceof ConfinementError) {
    io.stderr.write(`error: ${err.message}\n`);
    return EXIT.error;
  }
  return reportUnexplained(io, err);
};

/** Errors no step explained: a node system error on one line, anything else with a few frames. */
const reportUnexplained = (io: Io, err: unknown): number => {
  const e = err as NodeJS.ErrnoException;
  // A node system error (ENOTDIR, EISDIR, EACCES …) says what and where in its message; frames of
  // opsfold's internals add nothing for an operator.
  if (typeof e?.syscall === 'string' && typeof e.code === 'string') {
    const where = e.path !== undefined && !e.message.includes(e.path) ? ` (${e.path})` : '';
    io.stderr.write(`error: ${e.message}${where}\n`);
    return EXIT.error;
  }
  io.stderr.write(
    `error: ${e?.message ?? String(err)}\n${e?.stack ? `  ${e.stack.split('\n').slice(1, 4).join('\n  ')}\n` : ''}`,
  );
  return EXIT.error;
};

/** `opsfold help <words…>`: the help of the command or domain named. */
const helpCommand = (commands: readonly Command[], words: readonly string[], io: Io): number => {
  const text = helpFor(commands, words);
  if (text === null) return report(io, unknownCommand(commands, words));
  io.stdout.write(text);
  return EXIT.ok;
};

/** Answers the command lines that run no command (help, version); null for the others. */
const answerWithoutCommand = (
  commands: readonly Command[],
  argv: readonly string[],
  io: Io,
): number | null => {
  const [first] = argv;
  if (first === undefined) {
    io.stderr.write(`error: no command given\n${topHelp(commands)}`);
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h') return helpCommand(commands, [], io);
  if (first === 'help') return helpCommand(commands, argv.slice(1), io);
  if (first === '--version' || first === '-V') {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  return null;
};

/** `opsfold <domain>` alone or with --help, when the domain word is not itself a command. */
const isDomainHelp = (commands: readonly Command[], args: readonly string[]): boolean =>
  args[0] !== undefined &&
  (args.length === 1 || (args.length === 2 && (args[1] === '--help' || args[1] === '-h'))) &&
  domainCommands(commands, args[0]).length > 0;

/** Runs one command line; resolves to the exit code. */
export const main = async (
  commands: readonly Command[],
  argv: readonly string[],
  given: Io,
): Promise<number> => {
  const io: Io = { ...given, stderr: escapingStream(given.stderr) };
  const answered = answerWithoutCommand(commands, argv, io);
  if (answered !== null) return answered;
  const args = hoistSubcommand(commands, argv);
  const command = findCommand(commands, args);
  if (command === undefined) {
    if (!isDomainHelp(commands, args)) return report(io, unknownCommand(commands, args));
    io.stdout.write(domainHelp(args[0] ?? '', domainCommands(commands, args[0] ?? '')));
    return EXIT.ok;
  }
  try {
    const { values, positionals } = parseFlags(command, args.slice(command.path.length));
    if (values['help'] === true) {
      io.stdout.write(helpOf(command));
      return EXIT.ok;
    }
    const run = () => command.run(values, positionals, { ...io, table: commands });
    const cap = lineCapOf(values['max-line-bytes']);
    return await (cap === null ? run() : withMaxLineBytes(cap, run));
  } catch (err) {
    return report(io, err);
  }
};
