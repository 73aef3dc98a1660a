// opsfold harness watchdog: one cycle. Observes the workspace's tasks (unless --no-observe), decides
// liveness and alert class for each from the folded observations and watchdog history at asOf, appends
// the decisions to memory/harness/watchdog.jsonl, and delivers the ESCALATEs owed (this cycle's and any an
// earlier cycle failed to deliver) at least once, marking each acknowledged one with `<task_id>.escalate`.
import { stableJson } from '../../lib/core/stable-json.js';
import { watchdogCycle } from '../../lib/harness/watchdog-run.js';
import { asOfOf } from '../cli/clock.js';
import type { Command } from '../cli/command.js';
import { CliError, EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { commonExits, evidenceFlags, workspaceFlags } from './flags.js';
import { contextOf } from './processes.js';
import { deliver } from './sink.js';
import { workspaceOf } from './workspace.js';

export const harnessWatchdog: Command = {
  path: ['harness', 'watchdog'],
  prints: 'json',
  title: 'run one watchdog cycle: alive/stalled, INFO/WARN/ESCALATE, deliver ESCALATE only',
  usage: '--root <dir> [--no-observe] [--fail-on-escalate] [--as-of RFC3339] [evidence flags]',
  summary:
    'One watchdog cycle (seed 004 §2): alive when any of the OR-set holds (progress markers, *active.json < 1800 s, ' +
    'spawn state WORK_STARTED+, bot session, worktree/artifact mtime < 900 s); silently_stalled only when none holds, ' +
    'the event age is known and > 900 s and no heartbeat can be measured. ESCALATE only after 2 consecutive ' +
    'silently_stalled cycles of a critical or explicitly escalated task, throttled after K alerts per N cycles; ' +
    'decisions are appended to memory/harness/watchdog.jsonl and only ESCALATE is delivered to the sink, at least ' +
    'once: a failed delivery stays owed in that ledger and is retried by every later cycle with the same ' +
    'idempotency key until acknowledged, and `<task>.escalate` is written only then.',
  flags: {
    ...workspaceFlags,
    ...evidenceFlags,
    'no-observe': {
      type: 'boolean',
      help: 'Decide from the observations already recorded; observe nothing.',
    },
    'fail-on-escalate': { type: 'boolean', help: 'Exit 2 when the cycle produced an ESCALATE.' },
  },
  exits: {
    ...commonExits,
    [EXIT.error]: `${commonExits[EXIT.error]}; an ESCALATE could not be delivered (retried next cycle)`,
    [EXIT.gate]: '--fail-on-escalate and the cycle produced an ESCALATE',
  },
  async run(v, _pos, io) {
    const ws = await workspaceOf(v, io);
    const asOf = asOfOf(v, io);
    const { records, deliveries } = await watchdogCycle(ws, asOf.ms, {
      observe: v['no-observe'] === true ? null : () => contextOf(ws, v, io),
      deliver: (payload) => deliver(ws.config.sink, payload, io.env, ws.root),
    });
    await writeOut(
      io.stdout,
      stableJson({ as_of: asOf.iso, cycle: records[0]?.cycle ?? null, decisions: records, deliveries }),
    );
    const failed = deliveries.filter((d) => !d.ok);
    if (failed.length > 0)
      throw new CliError(
        `ESCALATE not delivered for ${failed.map((d) => d.task_id).join(', ')}`,
        failed.map((d) => `${d.task_id}: ${d.sink}: ${d.detail}`),
      );
    const escalated = records.some((r) => r.alert_class === 'ESCALATE');
    return escalated && v['fail-on-escalate'] === true ? EXIT.gate : EXIT.ok;
  },
};
