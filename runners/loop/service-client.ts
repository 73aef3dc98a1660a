// opsfold service-client: one request to a sprite service (`opsfold service`, or the reference's), with
// the token, trace id and retries the reference's ops-manager-service-client.sh sends, printing the
// answer's body on a 2xx. Unlike the reference, a request that got no answer at all (refused, reset,
// timed out) is retried too, as opsfold's sprite_service transport does. Sleep is injected for tests.
import { resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { httpRequest } from '../../lib/io/http.js';
import { readBytes } from '../../lib/io/store.js';
import {
  requestHeaders,
  serviceUrl,
  type Once,
  type ServiceCall,
  type ServiceEndpoint,
} from '../../lib/loop/service-call.js';
import { planServiceClient, type ClientPlan } from '../../lib/loop/service-client.js';
import { callWithRetries } from '../../lib/loop/service-fetch.js';
import { str, type Command, type Flag, type Values } from '../cli/command.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { realSleep, type Sleep } from '../cli/run-clock.js';
import { writeOut } from '../cli/write-out.js';

// Far more than any service answer; the reference keeps the whole body.
const MAX_ANSWER = 256 * 1024 * 1024;

const once =
  (connectTimeoutMs: number) =>
  async (ep: ServiceEndpoint, call: ServiceCall): Promise<Once> => {
    const got = await httpRequest({
      method: call.method,
      url: serviceUrl(ep, call),
      headers: requestHeaders(ep, call),
      body: call.body,
      timeoutMs: ep.timeoutMs,
      connectTimeoutMs,
      maxBodyBytes: MAX_ANSWER,
    });
    return got.kind === 'response'
      ? { status: got.status, body: got.body }
      : { status: null, body: got.message };
  };

const planOf = (v: Values): ClientPlan => {
  const plan = planServiceClient({
    method: str(v, 'method'),
    baseUrl: str(v, 'base-url'),
    path: str(v, 'path'),
    token: str(v, 'token'),
    traceId: str(v, 'trace-id'),
    bodyFile: str(v, 'body-file'),
    retryAttempts: str(v, 'retry-attempts'),
    retryBackoffSeconds: str(v, 'retry-backoff-seconds'),
    connectTimeoutSeconds: str(v, 'connect-timeout-seconds'),
    maxTimeSeconds: str(v, 'max-time-seconds'),
  });
  if (E.isLeft(plan)) throw usageError(plan.left);
  return plan.right;
};

/** The body file's text, read as named; a missing or non-regular file is the reference's error. */
const bodyOf = async (cwd: string, file: string | null): Promise<string | undefined> => {
  if (file === null) return undefined;
  const got = await readBytes(resolve(cwd, file));
  if (got.kind !== 'bytes') throw new CliError(`body file not found: ${file}`);
  return got.bytes.toString('utf8');
};

const value = (arg: string, help: string): Flag => ({ type: 'string', arg, help });

export const makeServiceClient = (sleep: Sleep): Command => ({
  path: ['service-client'],
  prints: 'json',
  title: 'send one request to a sprite service (token, trace id, retries) and print the answer',
  usage: '--method GET|POST --base-url URL --path PATH [--token T] [--trace-id ID] [--body-file F] [...]',
  summary:
    'Send one GET or POST to a sprite service (opsfold service): the token as Authorization: Bearer and ' +
    'X-Ops-Token, the trace id as X-Trace-Id, a POST body from a JSON file. Retry a transient status ' +
    '(408 409 425 429 500 502 503 504) or no answer, waiting attempt × backoff seconds; print the body ' +
    'of a 2xx answer as received.',
  flags: {
    method: value('GET|POST', 'HTTP method (required).'),
    'base-url': value('url', 'Service base URL, e.g. http://127.0.0.1:8787 (required).'),
    path: value('path', 'Path and query, e.g. /ops/snapshot?loopId=demo (required).'),
    token: value('token', 'Auth token, sent as Bearer and X-Ops-Token.'),
    'trace-id': value('id', 'Trace id header (X-Trace-Id).'),
    'body-file': value('path', 'JSON request body file (required for POST).'),
    'retry-attempts': value('n', 'Attempts in all, on a transient failure. Default: 3'),
    'retry-backoff-seconds': value('n', 'Base backoff between attempts (attempt × n seconds). Default: 1'),
    'connect-timeout-seconds': value('n', 'Deadline for the connection (0: none). Default: 5'),
    'max-time-seconds': value('n', 'Deadline for the whole exchange (0: none). Default: 30'),
  },
  exits: {
    [EXIT.ok]: 'a 2xx answer; its body is printed',
    [EXIT.error]:
      'no 2xx answer after the retries (`error: service request failed (method=… url=… code=…): <body>`), or the body file is missing',
    [EXIT.usage]: 'usage error: unknown flag, a required flag missing, a bad method, count or timeout',
  },
  async run(v, _pos, io) {
    const plan = planOf(v);
    const body = await bodyOf(io.cwd, plan.bodyFile);
    const call = body === undefined ? plan.call : { ...plan.call, body };
    const got = await callWithRetries({ once: once(plan.connectTimeoutMs), sleep }, plan.endpoint, call);
    if (E.isLeft(got)) throw new CliError(got.left.message);
    await writeOut(io.stdout, got.right.body);
    return EXIT.ok;
  },
});

export const serviceClient: Command = makeServiceClient(realSleep);
