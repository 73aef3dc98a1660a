// The sprite service client (the reference service-client script) over node:http(s): one exchange
// bounded by a per-request timeout, retried as lib/loop/service-call.ts decides. Unlike the reference,
// a request that got no answer at all (refused connection, socket closed mid-request, timeout) is
// retried too. Sleep is injected.
import type * as E from 'fp-ts/lib/Either.js';
import type * as http from 'node:http';
import { callWithRetries } from '../../../lib/loop/service-fetch.js';
import {
  requestHeaders,
  serviceUrl,
  type HttpAnswer,
  type HttpFailure,
  type Once,
  type ServiceCall,
  type ServiceEndpoint,
} from '../../../lib/loop/service-call.js';
import type { Sleep } from '../../cli/run-clock.js';

// Loaded on the first request: reconcile only calls the service when a transport is configured.
const clientOf = (url: string) => (url.startsWith('https:') ? import('node:https') : import('node:http'));

/** One request; never rejects: a transport error is `{status: null, body: <reason>}`. */
export const requestOnce = async (ep: ServiceEndpoint, call: ServiceCall): Promise<Once> => {
  const lib = await clientOf(serviceUrl(ep, call));
  return new Promise((settle) => {
    // The timeout bounds the whole exchange (curl --max-time), not only an idle socket.
    const timer: { id?: ReturnType<typeof setTimeout> } = {};
    const resolve = (o: Once) => {
      clearTimeout(timer.id);
      settle(o);
    };
    let url: URL;
    try {
      url = new URL(serviceUrl(ep, call));
    } catch (err) {
      resolve({ status: null, body: `invalid service URL: ${(err as Error).message}` });
      return;
    }
    let req: http.ClientRequest;
    try {
      req = lib.request(url, { method: call.method, headers: requestHeaders(ep, call) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (err) => resolve({ status: null, body: err.message }));
        // A socket closed mid-answer may end the response without 'end' or 'error'.
        res.on('close', () =>
          resolve({ status: null, body: 'connection closed before the answer was complete' }),
        );
      });
    } catch (err) {
      resolve({ status: null, body: (err as Error).message });
      return;
    }
    timer.id = setTimeout(() => req.destroy(new Error(`no answer within ${ep.timeoutMs} ms`)), ep.timeoutMs);
    req.on('error', (err) => resolve({ status: null, body: err.message }));
    req.end(call.body);
  });
};

/** Calls the service with retries; Right on a 2xx answer, Left with the last answer otherwise. */
export const callService = (
  ep: ServiceEndpoint,
  call: ServiceCall,
  sleep: Sleep,
): Promise<E.Either<HttpFailure, HttpAnswer>> => callWithRetries({ once: requestOnce, sleep }, ep, call);
