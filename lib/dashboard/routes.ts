// The dashboard's URL table. Pure: a method and a path in, the route (with its decoded parameters)
// out; the server only dispatches. Loop ids and view names in a path are checked here, so a handler
// never sees `..` or a separator.
import { validLoopId } from './loop-list.js';

export type Route =
  | { readonly kind: 'index' }
  | { readonly kind: 'healthz' }
  | { readonly kind: 'metrics' }
  | { readonly kind: 'asset'; readonly name: string }
  | { readonly kind: 'config' }
  | { readonly kind: 'loops' }
  | { readonly kind: 'loop'; readonly loopId: string }
  | { readonly kind: 'events'; readonly loopId: string }
  | { readonly kind: 'control'; readonly loopId: string }
  | { readonly kind: 'sse' }
  | { readonly kind: 'views' }
  | { readonly kind: 'view'; readonly name: string }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'method_not_allowed'; readonly allow: string };

const ASSET = /^[a-z0-9][a-z0-9-]*\.(js|css|html|svg)$/;
const VIEW = /^[a-z][a-z0-9-]{0,40}$/;

const segments = (path: string): string[] | null => {
  try {
    return path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
};

const API: Readonly<Record<string, Route>> = {
  config: { kind: 'config' },
  loops: { kind: 'loops' },
  events: { kind: 'sse' },
  views: { kind: 'views' },
};

const NOT_FOUND: Route = { kind: 'not_found' };

const loopRoute = (id: string | undefined, sub: string | undefined, extra: boolean): Route => {
  if (id === undefined || !validLoopId(id) || extra) return NOT_FOUND;
  if (sub === undefined) return { kind: 'loop', loopId: id };
  return sub === 'events' ? { kind: 'events', loopId: id } : NOT_FOUND;
};

const apiRoute = (s: readonly string[]): Route => {
  const [, b, c, d] = s;
  if (s.length === 2) return (b !== undefined && Object.hasOwn(API, b) ? API[b] : undefined) ?? NOT_FOUND;
  if (b === 'views')
    return s.length === 3 && c !== undefined && VIEW.test(c) ? { kind: 'view', name: c } : NOT_FOUND;
  return b === 'loops' ? loopRoute(c, d, s.length > 4) : NOT_FOUND;
};

const getRoute = (s: readonly string[]): Route => {
  const [a, b] = s;
  if (s.length === 0) return { kind: 'index' };
  if (s.length === 1 && (a === 'healthz' || a === 'metrics')) return { kind: a };
  if (a === 'assets')
    return s.length === 2 && b !== undefined && ASSET.test(b) ? { kind: 'asset', name: b } : NOT_FOUND;
  return a === 'api' ? apiRoute(s) : NOT_FOUND;
};

/** Pure: the route of a request. */
export const routeOf = (method: string, path: string): Route => {
  const s = segments(path);
  if (s === null) return { kind: 'not_found' };
  const isControl = s.length === 4 && s[0] === 'api' && s[1] === 'loops' && s[3] === 'control';
  if (isControl) {
    const id = s[2] ?? '';
    if (!validLoopId(id)) return { kind: 'not_found' };
    return method === 'POST'
      ? { kind: 'control', loopId: id }
      : { kind: 'method_not_allowed', allow: 'POST' };
  }
  const r = getRoute(s);
  if (r.kind === 'not_found' || method === 'GET' || method === 'HEAD') return r;
  return { kind: 'method_not_allowed', allow: 'GET, HEAD' };
};
