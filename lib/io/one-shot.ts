// A one-shot process runs one command as one flow of work and exits: every CLI command but the servers.
// lib/io makes two choices differently there, both because nothing else shares the process: file calls
// on small files are made directly instead of through libuv's thread pool (direct-fs.ts), and the lock
// fence covers every lock the process holds instead of following async contexts (lock.ts), which in
// Node 20 means promise hooks on every promise the command makes. A server, or a library caller, never
// asks, and keeps both defaults.
import { processSetting } from './process-setting.js';

const oneShot = processSetting(false);

/** True while a one-shot command runs (inside `runOneShot`). */
export const isOneShot = (): boolean => oneShot.get();

/** Runs `fn` as a one-shot command, restoring the previous choice afterwards. */
export const runOneShot = <R>(fn: () => Promise<R>): Promise<R> => oneShot.during(true, fn);
