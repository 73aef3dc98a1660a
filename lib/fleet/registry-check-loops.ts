// Fail-closed checks of the registry's loop entries, with the reference's messages. Where the
// reference's jq crashed on a malformed entry (a string where an object belongs, a non-object
// `sprite`/`service`), each check here only looks at values of the right shape and reports the rest.
import { isObject, nonEmpty } from './json.js';

const field = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined);

/** Pure: `[msg]` when `bad`, else `[]`. */
export const when = (bad: boolean, msg: string): string[] => (bad ? [msg] : []);

const absent = (v: unknown): boolean => v === null || v === undefined;
const wholeAtLeast = (v: unknown, min: number): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v >= min;

/** Pure: a loop id names a directory under .superloop/ops-manager/: one path segment only. */
export const isPathSegment = (id: string): boolean => id !== '.' && !id.includes('..') && !/[/\\\0]/.test(id);

const idChecks = (e: Record<string, unknown>): string[] => {
  const id = nonEmpty(e['loopId']);
  if (id === null) return ['loopId must be a non-empty string'];
  return when(!isPathSegment(id), 'loopId must be a single path segment (no "/", "\\" or "..")');
};

const transportChecks = (e: Record<string, unknown>): string[] => {
  const transport = absent(e['transport']) ? 'local' : e['transport'];
  const errs = when(
    transport !== 'local' && transport !== 'sprite_service',
    'transport must be local or sprite_service',
  );
  if (transport !== 'sprite_service') return errs;
  const base = nonEmpty(field(e['service'], 'baseUrl')) ?? nonEmpty(field(e['sprite'], 'serviceBaseUrl'));
  return [
    ...errs,
    ...when(base === null, 'sprite_service loops require service.baseUrl or sprite.serviceBaseUrl'),
  ];
};

const spriteChecks = (sprite: unknown): string[] => {
  if (absent(sprite)) return [];
  if (!isObject(sprite)) return ['sprite must be an object when present'];
  return when(
    !absent(sprite['id']) && nonEmpty(sprite['id']) === null,
    'sprite.id must be a non-empty string when present',
  );
};

const serviceChecks = (service: unknown): string[] => {
  if (absent(service)) return [];
  if (!isObject(service)) return ['service must be an object when present'];
  const { tokenEnv, retryAttempts, retryBackoffSeconds } = service;
  return [
    ...when(
      !absent(tokenEnv) && nonEmpty(tokenEnv) === null,
      'service.tokenEnv must be a non-empty string when present',
    ),
    ...when(
      !absent(retryAttempts) && !wholeAtLeast(retryAttempts, 1),
      'service.retryAttempts must be >= 1 when present',
    ),
    ...when(
      !absent(retryBackoffSeconds) && !wholeAtLeast(retryBackoffSeconds, 0),
      'service.retryBackoffSeconds must be >= 0 when present',
    ),
  ];
};

const entryChecks = (e: unknown): string[] => {
  if (!isObject(e)) return ['entry must be an object'];
  return [
    ...idChecks(e),
    ...when(
      !absent(e['enabled']) && typeof e['enabled'] !== 'boolean',
      'enabled must be boolean when present',
    ),
    ...transportChecks(e),
    ...spriteChecks(e['sprite']),
    ...serviceChecks(e['service']),
    ...when(!absent(e['metadata']) && !isObject(e['metadata']), 'metadata must be an object when present'),
  ];
};

/** Pure: the loop ids declared by well-formed entries (for scope and suppression references). */
export const declaredLoopIds = (loops: unknown): string[] =>
  (Array.isArray(loops) ? loops : []).flatMap((e) => {
    const id = nonEmpty(field(e, 'loopId'));
    return id === null ? [] : [id];
  });

/** Pure: the errors of `registry.loops` (empty when it is a valid, non-empty, unique list). */
export const loopErrors = (loops: unknown): string[] => {
  if (!Array.isArray(loops)) return ['loops must be an array'];
  if (loops.length === 0) return ['loops must include at least one loop entry'];
  const ids = loops.map((e) => field(e, 'loopId')).filter((x): x is string => typeof x === 'string');
  return [
    ...when(ids.length !== new Set(ids).size, 'loopId values must be unique'),
    ...loops.flatMap((e, i) => entryChecks(e).map((m) => `loops[${i}]: ${m}`)),
  ];
};
