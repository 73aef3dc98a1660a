// Real-enable windows (`state/real_enable_windows/real_enable_windows.jsonl`, REAL_ENABLE_WINDOW_V1).
// A window is active at asOf only when it was created (created_at <= asOf), not revoked, not consumed
// (CONSUME lines < max_real_executions, default 1) and not expired (asOf < expires_at). The `status`
// written on a CREATE line is ignored: the origin's "any line with status ACTIVE" rule reports windows
// that were consumed or expired long ago as active.
//
// Law: fold(all) == foldFrom(fold(prefix), rest); activity is a pure function of the state and asOf.
import type { Positioned, Projection } from '../core/projection.js';
import type { WindowEvent } from './codecs-safety.js';
import { parseInZone } from './zone.js';

export interface WindowEntry {
  readonly window_id: string;
  readonly created_at: string;
  readonly expires_at: string;
  readonly allowed_request_types: readonly string[];
  readonly max_real_executions: number;
  /** The count on the CREATE line plus one per CONSUME line. */
  readonly used: number;
  readonly revoked: boolean;
  readonly line: number;
}

export interface WindowsState {
  readonly lines: number;
  readonly windows: Readonly<Record<string, WindowEntry>>;
  /** CONSUME or REVOKE lines naming a window no CREATE line made (kept, counted, never activating). */
  readonly orphans: number;
}

const withWindow = (s: WindowsState, id: string, f: (w: WindowEntry) => WindowEntry): WindowsState => {
  const w = Object.hasOwn(s.windows, id) ? s.windows[id] : undefined;
  if (w === undefined) return { ...s, lines: s.lines + 1, orphans: s.orphans + 1 };
  return { ...s, lines: s.lines + 1, windows: { ...s.windows, [id]: f(w) } };
};

const created = (e: Positioned<WindowEvent & { event: 'CREATE' }>): WindowEntry => ({
  window_id: e.value.window_id,
  created_at: e.value.created_at,
  expires_at: e.value.expires_at,
  allowed_request_types: e.value.allowed_request_types ?? [],
  max_real_executions: e.value.max_real_executions ?? 1,
  used: e.value.real_executions_used ?? 0,
  revoked: false,
  line: e.position.line,
});

/** Folds the window log: every window by id with its use count and revocation. */
export const windowsProjection: Projection<WindowsState, WindowEvent> = {
  name: 'cycle-real-enable-windows',
  version: 1,
  initial: { lines: 0, windows: {}, orphans: 0 },
  evolve: (s, e) => {
    const v = e.value;
    if (v.event === 'CREATE')
      return {
        ...s,
        lines: s.lines + 1,
        windows: { ...s.windows, [v.window_id]: created({ ...e, value: v }) },
      };
    if (v.event === 'CONSUME') return withWindow(s, v.window_id, (w) => ({ ...w, used: w.used + 1 }));
    return withWindow(s, v.window_id, (w) => ({ ...w, revoked: true }));
  },
};

/** Pure: true when the window is active at `asOfMs` (naive times in `zone`); unreadable times are inactive. */
export const windowActiveAt = (w: WindowEntry, asOfMs: number, zone: string): boolean => {
  const from = parseInZone(w.created_at, zone);
  const until = parseInZone(w.expires_at, zone);
  if (from === null || until === null) return false;
  return !w.revoked && w.used < w.max_real_executions && from <= asOfMs && asOfMs < until;
};

/** Pure: the windows active at `asOfMs`, for `requestType` when given, by window id. */
export const activeWindows = (
  s: WindowsState,
  asOfMs: number,
  zone: string,
  requestType?: string,
): WindowEntry[] =>
  Object.values(s.windows)
    .filter((w) => windowActiveAt(w, asOfMs, zone))
    .filter((w) => requestType === undefined || w.allowed_request_types.includes(requestType))
    .sort((a, b) => (a.window_id < b.window_id ? -1 : a.window_id > b.window_id ? 1 : 0));
