// opsfold harness status: per task, the spawn state with its evidence, liveness and last alert class,
// closeout stage and collection path, and the finish profile result — read from the recorded logs
// (observations, watchdog, collect) and memory/harness/finish/, evaluated at asOf. Writes nothing.
import { stableJson } from '../../lib/core/stable-json.js';
import { statusRows } from '../../lib/harness/status.js';
import { gatherStatus } from '../../lib/harness/status-gather.js';
import { statusTable } from '../../lib/harness/status-table.js';
import { asOfOf } from '../cli/clock.js';
import type { Command } from '../cli/command.js';
import { writeOut } from '../cli/write-out.js';
import { commonExits, workspaceFlags } from './flags.js';
import { workspaceOf } from './workspace.js';

export const harnessStatus: Command = {
  path: ['harness', 'status'],
  title: 'per task: spawn state and evidence, liveness, alert class, closeout stage, finish profile',
  usage: '--root <dir> [--json] [--as-of RFC3339]',
  summary:
    'Show, per task, the spawn state with the signals it rests on, alive/stalled at asOf, the last watchdog alert ' +
    'class, the closeout stage and the path that collected it, and the finish profile result, from ' +
    'memory/harness/{observations,watchdog,collect}.jsonl and memory/harness/finish/. Read-only.',
  flags: {
    ...workspaceFlags,
    json: { type: 'boolean', help: 'Print JSON (contracts/harness-status.schema.json).' },
  },
  exits: commonExits,
  async run(v, _pos, io) {
    const ws = await workspaceOf(v, io);
    const asOf = asOfOf(v, io);
    const rows = statusRows(await gatherStatus(ws), asOf.ms, ws.config.watchdog);
    const text =
      v['json'] === true ? stableJson({ as_of: asOf.iso, root: ws.root, tasks: rows }) : statusTable(rows);
    await writeOut(io.stdout, text);
    return 0;
  },
};
