// DNS-rebinding guard: a dashboard bound to a loopback address answers only requests whose Host header
// names exactly a loopback host (localhost, 127.0.0.1, [::1]) or the address it was bound to, so a web
// page elsewhere cannot reach it through a name that resolves here. Matching is exact: a prefix test
// would let `127.evil.example`, a name an attacker controls, through.
// Pure: the runner passes the bound address and the request's Host header.

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
const IPV4_LOOPBACK = /^127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Pure: is `host` (a bind address) a loopback name or address? */
export const isLoopback = (host: string): boolean =>
  LOOPBACK_NAMES.has(host) || host === '::1' || IPV4_LOOPBACK.test(host);

const bracketed = (bound: string): string => (bound.includes(':') ? `[${bound}]` : bound);

/** The Host header's name, lower-cased; null unless it is `name` or `name:port` with a numeric port. */
const hostName = (header: string): string | null => {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(header);
  return m?.[1]?.toLowerCase() ?? null;
};

/** Pure: may a request with this Host header be answered by a server bound to `bound`? */
export const hostAllowed = (bound: string, hostHeader: string | undefined): boolean => {
  if (!isLoopback(bound)) return true;
  const name = hostName(hostHeader ?? '');
  return name !== null && (LOOPBACK_NAMES.has(name) || name === bracketed(bound).toLowerCase());
};
