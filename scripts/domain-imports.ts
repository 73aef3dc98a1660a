// No runner imports another domain's runner: a step two domains share moves down into lib (see
// docs/edge.md, "A step two domains share"). The domain of runners/<d>/... is <d>; runners/cli/ and
// the top-level runners/*.ts (the CLI's registry, the demo) are shared; tests and test kits may reach
// across (a fake sink receiver, a transport server).
import type { ImportGraph } from './import-cycles.js';

/** One import `from` → `to`, both project paths. */
export type ImportEdge = readonly [from: string, to: string];

const SHARED = new Set(['cli']);

/** Pure: the runner domain of a path, or null when it is shared or not a runner. */
export const runnerDomainOf = (path: string): string | null => {
  const parts = path.split('/');
  if (parts[0] !== 'runners' || parts.length < 3) return null;
  const domain = parts[1] ?? '';
  return SHARED.has(domain) ? null : domain;
};

/** Pure: test files, test kits and fixtures may import across domains. */
export const isTestSupport = (path: string): boolean =>
  /\.test\.ts$/.test(path) || /(^|[/-])(test-)?kit\.ts$/.test(path) || /-fixtures\.ts$/.test(path);

/** Pure: every import from one runner domain into another, in graph order. */
export const crossDomainImports = (graph: ImportGraph): ImportEdge[] =>
  [...graph].flatMap(([from, tos]) => {
    const a = runnerDomainOf(from);
    if (a === null || isTestSupport(from)) return [];
    return tos
      .filter((to) => {
        const b = runnerDomainOf(to);
        return b !== null && b !== a;
      })
      .map((to): ImportEdge => [from, to]);
  });

export interface DomainCheck {
  /** Cross-domain imports not on the allowlist. */
  readonly refused: readonly ImportEdge[];
  /** Allowlist entries no longer imported: remove them (the list only shrinks). */
  readonly stale: readonly ImportEdge[];
}

const keyOf = ([from, to]: ImportEdge): string => `${from} -> ${to}`;

/** Pure: the imports the allowlist does not cover, and the entries it no longer needs. */
export const checkDomains = (graph: ImportGraph, allowed: readonly ImportEdge[]): DomainCheck => {
  const found = crossDomainImports(graph);
  const allow = new Set(allowed.map(keyOf));
  const seen = new Set(found.map(keyOf));
  return {
    refused: found.filter((e) => !allow.has(keyOf(e))),
    stale: allowed.filter((e) => !seen.has(keyOf(e))),
  };
};

/**
 * Imports of one domain's runners by another that are still allowed: none. Nothing may be added; a
 * step two domains share moves into lib (docs/edge.md).
 */
export const ALLOWED_CROSS_DOMAIN: readonly ImportEdge[] = [];
