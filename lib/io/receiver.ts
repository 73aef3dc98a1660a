// A local HTTP receiver on 127.0.0.1: records every request it gets and answers as told (200, an error
// status, or never). The demo sends its alerts and webhooks here instead of to real sinks; the tests use
// it to see exactly what went over the wire, including the Idempotency-Key a crash-safe receiver
// dedupes on.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** What the receiver answered: an HTTP status, or 'hang' when it never answered. */
  readonly answer: number | 'hang';
}

/** How to answer: a status (with a small JSON body, or the body given), or 'hang' to never answer. */
export type Answer = (
  path: string,
  body: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
) => number | 'hang' | { readonly status: number; readonly body: string };

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  answer: Answer;
  close(): Promise<void>;
}

const readAll = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

/** Starts a receiver on an ephemeral port of 127.0.0.1. */
export const startReceiver = async (answer: Answer = () => 200): Promise<Receiver> => {
  const hung = new Set<ServerResponse>();
  const r: Receiver = {
    url: '',
    received: [],
    answer,
    close: () =>
      new Promise<void>((done) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  const server = createServer((req, res) => {
    void readAll(req).then((body) => {
      const path = req.url ?? '/';
      const a = r.answer(path, body, req.headers);
      const status = typeof a === 'object' ? a.status : a;
      r.received.push({ path, headers: req.headers, body, answer: status });
      if (status === 'hang') {
        hung.add(res);
        return;
      }
      res.writeHead(status, { 'Content-Type': 'application/json' });
      const ok = status >= 200 && status < 300;
      res.end(typeof a === 'object' ? a.body : ok ? '{"ok":true}' : `{"ok":false,"status":${status}}`);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return Object.assign(r, { url: `http://127.0.0.1:${port}` });
};
