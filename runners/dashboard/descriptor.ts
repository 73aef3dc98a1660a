// What `opsfold dashboard --help` says: its summary, flags, exit codes and notes (the command's run
// is dashboard.ts's).
import type { Command } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { EXIT } from '../cli/errors.js';
import { repoFlag, stateDirFlag } from '../cli/common-flags.js';

export const dashboardDescriptor = {
  path: ['dashboard'],
  prints: 'nothing',
  serves: true,
  title: 'a live local web page: loops overview, loop detail, control (with a token)',
  usage: '--repo <path> [--port 8788] [--host 127.0.0.1] [--control-token-env VAR] [options]',
  summary:
    'Serve a local web page over the repo: an overview row per loop (fleet registry loops, or every loop under ' +
    '.superloop/loops/) with lifecycle, health and reason codes, last event age, cursor, open escalations and the ' +
    'last control outcome; a detail page per loop (health reasons with thresholds, heartbeat, sequence, ' +
    'escalations, control intents, telemetry summary, ingest lag and reconcile duration charts, the event ' +
    'timeline newest first); harness, queue and promotion views when those domains have data. Updates live over ' +
    'Server-Sent Events, from incremental folds checkpointed under <state-dir>/dashboard/. JSON API: GET ' +
    '/api/loops, /api/loops/:id, /api/loops/:id/events?before=<byte>&limit=N, /api/events (SSE); GET /metrics ' +
    '(Prometheus text; with control enabled it needs the token) and GET /healthz (no token).',
  flags: {
    repo: repoFlag,
    port: { type: 'string', arg: 'n', help: 'Port to listen on (default 8788; 0 picks a free one).' },
    host: { type: 'string', arg: 'addr', help: 'Address to listen on (default 127.0.0.1; others warn).' },
    'control-token-env': {
      type: 'string',
      arg: 'VAR',
      help: 'Enable cancel/approve/reject buttons, authorized by the token in environment variable VAR.',
    },
    'control-timeout-seconds': {
      type: 'string',
      arg: 'n',
      help: 'Confirmation timeout of a control action (default 30).',
    },
    'poll-ms': { type: 'string', arg: 'n', help: 'Polling fallback interval in ms (default 2000).' },
    'poll-s': {
      type: 'string',
      arg: 'n',
      help: 'The same in whole seconds (alias of --poll-ms).',
      alias: { of: 'poll-ms', scale: 1000 },
    },
    'state-dir': stateDirFlag,
    'as-of': {
      ...asOfFlag,
      help: 'Show ages as of this fixed instant instead of the clock (demos, screenshots).',
    },
  },
  exits: {
    [EXIT.ok]: 'stopped by SIGINT/SIGTERM',
    130: 'ended by a second SIGINT, or by the first when shutting down took over 2 s',
    143: 'ended by a second SIGTERM, or by the first when shutting down took over 2 s',
    [EXIT.error]: 'the repo does not exist, or the address cannot be bound',
    [EXIT.usage]: 'usage error: missing --repo, bad port, interval or variable name',
  },
  notes: [
    'Control needs the token in the X-Opsfold-Token header (the page asks for it once per tab and keeps it in',
    'sessionStorage); without --control-token-env, or with VAR unset, the page is read-only and POST answers 403.',
  ],
} satisfies Omit<Command, 'run'>;
