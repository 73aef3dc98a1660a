// Layer 1: the dispatch marker (seed 004 §3.2–3.3), written once right after a dispatch fires and
// never overwritten or deleted. Law: writing the same content again is a no-op; different content for
// an existing marker is refused. The bot key never appears here: only sha256(bot_key)[:16].
import * as t from 'io-ts';
import { isoInZone, yymmddInZone } from './zone.js';

export const DispatchMethod = t.keyof(
  { dispatch_py: null, direct_cron_bot_key: null, fallback_safety_net: null },
  'DispatchMethod',
);
export type DispatchMethod = t.TypeOf<typeof DispatchMethod>;

/** `memory/events/<task_id>.dispatched-<team>-<YYMMDD>.json` */
export const DispatchMarker = t.type(
  {
    task_id: t.string,
    schedule_id: t.string,
    executor: t.string,
    bot_key_hash: t.string,
    fire_time: t.string,
    prompt_sha: t.string,
    task_md_sha_before: t.string,
    dispatch_method: DispatchMethod,
  },
  'DispatchMarker',
);
export type DispatchMarker = t.TypeOf<typeof DispatchMarker>;

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const HEX16 = /^[0-9a-f]{16}$/;
const HEX64 = /^[0-9a-f]{64}$/;

export interface MarkerInput {
  readonly taskId: string;
  readonly team: string;
  readonly scheduleId: string;
  readonly executor: string;
  readonly botKeyHash: string;
  readonly fireMs: number;
  readonly zone: string;
  readonly promptSha: string;
  readonly taskMdShaBefore: string;
  readonly method: DispatchMethod;
}

/** Pure: why the input cannot make a marker (empty when it can). */
export const markerProblems = (m: MarkerInput): string[] => {
  const p: string[] = [];
  if (!SEGMENT.test(m.taskId)) p.push(`task id must be one name without dots or slashes: ${m.taskId}`);
  if (!SEGMENT.test(m.team)) p.push(`team must be one name without dots or slashes: ${m.team}`);
  if (m.scheduleId === '') p.push('schedule id is empty');
  if (m.executor === '') p.push('executor is empty');
  if (!HEX16.test(m.botKeyHash)) p.push('bot_key_hash must be 16 lowercase hex digits');
  if (!HEX64.test(m.promptSha)) p.push('prompt_sha must be a sha256 hex digest');
  if (!HEX64.test(m.taskMdShaBefore)) p.push('task_md_sha_before must be a sha256 hex digest');
  return p;
};

/** Pure: the marker's file name. */
export const markerFileName = (m: Pick<MarkerInput, 'taskId' | 'team' | 'fireMs' | 'zone'>): string =>
  `${m.taskId}.dispatched-${m.team}-${yymmddInZone(m.fireMs, m.zone)}.json`;

/** Pure: the sidecar that carries the spawn state beside a marker (seed §3.3). */
export const sidecarFileName = (markerName: string): string =>
  markerName.replace(/\.json$/, '.spawn-state.json');

/** Pure: the marker's content. */
export const markerOf = (m: MarkerInput): DispatchMarker => ({
  task_id: m.taskId,
  schedule_id: m.scheduleId,
  executor: m.executor,
  bot_key_hash: m.botKeyHash,
  fire_time: isoInZone(m.fireMs, m.zone),
  prompt_sha: m.promptSha,
  task_md_sha_before: m.taskMdShaBefore,
  dispatch_method: m.method,
});

export type WriteOnce = 'write' | 'noop' | 'refuse';

/**
 * Pure: what to do given the existing file's content (undefined when absent). The existing file is any
 * JSON object (another writer's keys count as differences); one that is not an object differs in every key.
 */
export const writeOnceAction = (
  existing: Readonly<Record<string, unknown>> | undefined,
  next: DispatchMarker,
): { action: WriteOnce; differing: string[] } => {
  if (existing === undefined) return { action: 'write', differing: [] };
  const fresh: Readonly<Record<string, unknown>> = next;
  const keys = [...new Set([...Object.keys(existing), ...Object.keys(next)])].sort();
  const differing = keys.filter((k) => JSON.stringify(existing[k]) !== JSON.stringify(fresh[k]));
  return { action: differing.length === 0 ? 'noop' : 'refuse', differing };
};
