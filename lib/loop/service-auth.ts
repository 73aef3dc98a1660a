// Who may call the sprite service: a request carries the shared token as `Authorization: Bearer <t>`
// or `X-Ops-Token: <t>`. Pure: the comparison itself (constant time, on digests) is injected by the
// runner, so this module stays free of crypto and the decision is testable with any comparator.

export interface AuthHeaders {
  readonly authorization?: string | undefined;
  readonly xOpsToken?: string | undefined;
}

/** Pure: the tokens a request presents (Bearer value trimmed, as the reference reads it). */
export const presentedTokens = (h: AuthHeaders): string[] => {
  const out: string[] = [];
  const auth = h.authorization ?? '';
  if (auth.toLowerCase().startsWith('bearer ')) out.push(auth.slice(7).trim());
  if (h.xOpsToken !== undefined) out.push(h.xOpsToken);
  return out.filter((x) => x !== '');
};

export type AuthMode =
  { readonly kind: 'token'; readonly matches: (candidate: string) => boolean } | { readonly kind: 'open' };

/**
 * Pure: is the request authorized? Every presented token is compared (no early exit on the first
 * miss), so the time taken does not tell which header was close.
 */
export const authorized = (mode: AuthMode, h: AuthHeaders): boolean => {
  if (mode.kind === 'open') return true;
  let ok = false;
  for (const candidate of presentedTokens(h)) ok = mode.matches(candidate) || ok;
  return ok;
};
