// The effects alert delivery needs, as parameters: the steps in lib/alerts (send, load the catalog,
// route, dispatch a pass) call these and nothing else, so `alerts dispatch`, `loop reconcile` and the
// harness's escalation sink run the same step with the node adapters (lib/io) and tests with fakes.
import type { DocRead } from '../io/store.js';
import type { HttpRequest } from './sink-request.js';

/** Environment variables (the process's, or a test's). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Sends one request; resolves to what happened (never rejects for network reasons). */
export type Transport = (req: HttpRequest) => Promise<unknown>;

export type Sleep = (ms: number) => Promise<void>;

/** Reads a JSON document the operator named (path as named; the adapter resolves it). */
export type ReadDoc = (file: string) => Promise<DocRead<unknown>>;

/** Runs a helper command with arguments: its exit code and output (127 when it cannot start). */
export type RunCommand = (
  command: string,
  args: readonly string[],
) => Promise<{ readonly code: number; readonly out: string }>;
