// The dashboard's node:http plumbing: JSON answers and static pages with the security headers, and a
// request body read up to a limit. As in lib/io's JSON server, an answer sent before the request's
// body ended closes the connection: node would otherwise read and discard that body without limit.
import type * as http from 'node:http';
import { closeUnread, readBody as readRequestBody } from '../../lib/io/http-server.js';
import type { Answer } from '../../lib/dashboard/api.js';
import { SECURITY_HEADERS, type Asset } from './static.js';

export const MAX_BODY = 8 * 1024;

export const send = (res: http.ServerResponse, a: Answer, method: string): void => {
  const body = Buffer.from(JSON.stringify(a.body));
  res.writeHead(a.status, {
    ...SECURITY_HEADERS,
    ...closeUnread(res.req, res),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(method === 'HEAD' ? undefined : body);
};

/** A text answer (the metrics exposition) with its content type. */
export const sendText = (
  res: http.ServerResponse,
  a: { readonly contentType: string; readonly text: string },
  method: string,
): void => {
  const body = Buffer.from(a.text);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    ...closeUnread(res.req, res),
    'Content-Type': a.contentType,
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(method === 'HEAD' ? undefined : body);
};

/** The request body as text; null when it exceeds MAX_BODY or fails (lib/io's reader and cap). */
export const readBody = async (req: http.IncomingMessage): Promise<string | null> => {
  const body = await readRequestBody(req, MAX_BODY);
  return body.kind === 'ok' ? body.text : null;
};

/** Serves one of the page's assets (404 as JSON when there is no such asset). */
export const sendAsset = (
  assets: ReadonlyMap<string, Asset>,
  name: string,
  res: http.ServerResponse,
  method: string,
): void => {
  const a = assets.get(name);
  if (a === undefined) return send(res, { status: 404, body: { error: `no asset ${name}` } }, method);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    ...closeUnread(res.req, res),
    'Content-Type': a.type,
    'Cache-Control': 'no-cache',
  });
  res.end(method === 'HEAD' ? undefined : a.body);
};
