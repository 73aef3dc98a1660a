// Reading a request body with a hard size cap: a declared Content-Length over the cap is refused before
// a byte is read, and a streamed body is cut off as soon as it passes the cap.
import type { IncomingMessage } from 'node:http';

export type Body =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'aborted'; readonly message: string };

/** The body of `req` as UTF-8 text, or why there is none. */
export const readBody = (req: IncomingMessage, maxBytes: number): Promise<Body> =>
  new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      resolve({ kind: 'too_large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (b: Body) => {
      if (settled) return;
      settled = true;
      resolve(b);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        settle({ kind: 'too_large' });
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => settle({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', (err) => settle({ kind: 'aborted', message: err.message }));
    req.on('aborted', () => settle({ kind: 'aborted', message: 'request aborted' }));
  });
