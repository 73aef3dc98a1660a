// The one entry point: finds the command for `opsfold <domain> <command>`, runs it, and turns every
// failure into an `error:` line, detail lines and a documented exit code. No stack traces for input
// problems; an unexpected failure still names itself and exits 1.
import { helpOf, parseFlags, type Command, type Io } from './command.js';
import { EXIT, usageError } from './errors.js';
import { report } from './report.js';
import { findCommand, hoistSubcommand } from './route.js';
import { withMaxLineBytes } from '../../lib/io/line-limit.js';
import { runOneShot } from '../../lib/io/one-shot.js';
import { domainCommands, domainHelp, helpFor, topHelp } from './help.js';
import { unknownCommand } from './suggest.js';
import { packageVersion } from './version.js';
import { escapingStream } from './safe-stderr.js';
import { checkInputFiles } from './input-files.js';
import { resolveAliases } from './conventions.js';

/** `--max-line-bytes N` (any command that declares it): the readers' line cap for this command. */
const lineCapOf = (raw: unknown): number | null => {
  if (typeof raw !== 'string') return null;
  if (!/^[1-9][0-9]{0,15}$/.test(raw) || !Number.isSafeInteger(Number(raw)))
    throw usageError(`--max-line-bytes must be a positive integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
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
    const parsed = parseFlags(command, args.slice(command.path.length));
    const values = resolveAliases(command, parsed.values);
    const positionals = parsed.positionals;
    if (values['help'] === true) {
      io.stdout.write(helpOf(command));
      return EXIT.ok;
    }
    checkInputFiles(command, values, io.cwd);
    const call = () => command.run(values, positionals, { ...io, table: commands });
    const run = command.serves === true ? call : () => runOneShot(call);
    const cap = lineCapOf(values['max-line-bytes']);
    return await (cap === null ? run() : withMaxLineBytes(cap, run));
  } catch (err) {
    return report(io, err);
  }
};
