// The process-wide line cap the JSONL readers use when a caller passes none. Why a setting and not only
// an option: the CLI's `--max-line-bytes` must reach every reader a command uses, including readers deep
// in shared steps that take no per-call option; the command runner sets it for one command and restores it.
import { DEFAULT_MAX_LINE_BYTES } from './line-splitter.js';
import { processSetting } from './process-setting.js';

const cap = processSetting(DEFAULT_MAX_LINE_BYTES);

/** The cap readers use by default (64 MiB unless a command set another). */
export const maxLineBytes = (): number => cap.get();

/** Runs `fn` with the default cap set to `bytes`, restoring the previous cap afterwards. */
export const withMaxLineBytes = <R>(bytes: number, fn: () => Promise<R>): Promise<R> => cap.during(bytes, fn);
