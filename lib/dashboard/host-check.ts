// DNS-rebinding guard: a dashboard bound to a loopback address answers only requests whose Host header
// names a loopback host, so a web page elsewhere cannot reach it through a name that resolves here.
// Pure: the runner passes the bound address and the request's Host header.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Pure: is `host` a loopback name or address? */
export const isLoopback = (host: string): boolean => LOOPBACK.has(host) || host.startsWith('127.');

/** Pure: may a request with this Host header be answered by a server bound to `bound`? */
export const hostAllowed = (bound: string, hostHeader: string | undefined): boolean => {
  if (!isLoopback(bound)) return true;
  const h = hostHeader ?? '';
  const name = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : (h.split(':')[0] ?? '');
  return isLoopback(name);
};
