// The checks of `fleet handoff`'s flag values (reference names and messages): a refused combination is a
// usage message (the runner exits 64 with it) before anything is read.
import * as E from 'fp-ts/lib/Either.js';
import type { ExecutionMode, Filters } from './handoff-execute.js';

/** Flag values as parsed: a string, a boolean switch, or the strings of a repeatable flag. */
export type FlagValues = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

export interface HandoffOptions {
  readonly mode: ExecutionMode | null;
  readonly filters: Filters;
  readonly prefix: string;
  readonly timeoutSeconds: string;
  readonly intervalSeconds: string;
  /** The operator (--by); the runner falls back to $USER, then `unknown`. */
  readonly by: string | undefined;
  readonly note: string;
  readonly runtimeConfirm: boolean;
}

class Refused extends Error {}

const text = (v: FlagValues, name: string): string | undefined => {
  const x = v[name];
  return typeof x === 'string' ? x : undefined;
};

const list = (v: FlagValues, name: string): readonly string[] => {
  const x = v[name];
  const xs = Array.isArray(x) ? (x as readonly string[]) : typeof x === 'string' ? [x] : [];
  if (xs.some((s) => s === '')) throw new Refused(`--${name} requires a non-empty value`);
  return xs;
};

const modeOf = (v: FlagValues): ExecutionMode | null => {
  const execute = v['execute'] === true;
  const auto = v['autonomous-execute'] === true;
  if (execute && auto) throw new Refused('--execute and --autonomous-execute are mutually exclusive');
  if (v['confirm'] === true && !execute) throw new Refused('--confirm can only be used with --execute');
  if (execute && v['confirm'] !== true)
    throw new Refused('--execute requires --confirm to enforce explicit operator confirmation');
  return execute ? 'manual' : auto ? 'autonomous' : null;
};

const optionsOf = (v: FlagValues): HandoffOptions => {
  const mode = modeOf(v);
  const prefix = text(v, 'idempotency-prefix') ?? 'fleet-handoff';
  if (prefix === '') throw new Refused('--idempotency-prefix must be non-empty');
  const timeoutSeconds = text(v, 'timeout-seconds') ?? '30';
  const intervalSeconds = text(v, 'interval-seconds') ?? '2';
  if (!/^[0-9]+$/.test(timeoutSeconds) || !/^[0-9]+$/.test(intervalSeconds))
    throw new Refused('timeout and interval must be non-negative integers');
  return {
    mode,
    filters: { loops: list(v, 'loop'), intentIds: list(v, 'intent-id') },
    prefix,
    timeoutSeconds,
    intervalSeconds,
    by: text(v, 'by'),
    note: text(v, 'note') ?? '',
    runtimeConfirm: v['no-runtime-confirm'] !== true,
  };
};

/** Pure: the handoff options, or the usage message refusing them (`--execute` needs `--confirm`, ...). */
export const handoffOptionsOf = (v: FlagValues): E.Either<string, HandoffOptions> => {
  try {
    return E.right(optionsOf(v));
  } catch (err) {
    if (err instanceof Refused) return E.left(err.message);
    throw err;
  }
};
