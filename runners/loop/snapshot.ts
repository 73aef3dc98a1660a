// opsfold loop snapshot: the `loop_run_snapshot` envelope of one loop, folded incrementally.
import { stableJson } from '../../lib/core/stable-json.js';
import { asOfOf } from '../cli/clock.js';
import { str, type Command } from '../cli/command.js';
import { gatherSnapshot } from './gather.js';
import { loopPathsOf } from '../cli/loop-paths.js';
import { prettyFlag, readExits, readFlags, traceIdFlag } from '../cli/common-flags.js';

export const loopSnapshot: Command = {
  path: ['loop', 'snapshot'],
  title: 'print the loop_run_snapshot envelope of a loop',
  usage: '--repo <path> --loop <id> [options]',
  summary:
    'Print the loop_run_snapshot envelope (schemaVersion v1): run identity, lifecycle status, runtime state, ' +
    'artifact metadata (exists, sizeBytes, lineCount, sha256, mtimeEpoch), cursor and health. The events log is ' +
    'folded from its checkpoint under the state dir, so a re-run reads only appended bytes.',
  flags: {
    ...readFlags,
    'run-id': { type: 'string', arg: 'id', help: 'Override the inferred run id.' },
    'trace-id': traceIdFlag,
    pretty: prettyFlag,
  },
  exits: readExits,
  notes: [
    'A last line without a newline is a record still being written: it is not counted or read until completed.',
  ],
  async run(v, _pos, io) {
    const paths = loopPathsOf(v, io.cwd);
    const asOf = asOfOf(v, io);
    const g = await gatherSnapshot(paths, {
      asOf: asOf.iso,
      fromStart: v['from-start'] === true,
      skipCorrupt: v['skip-corrupt'] === true,
      runId: str(v, 'run-id') ?? null,
      traceId: str(v, 'trace-id') ?? null,
    });
    for (const n of g.notes) io.stderr.write(`note: ${n}\n`);
    io.stdout.write(stableJson(g.snapshot, v['pretty'] === true));
    await g.commit();
    return 0;
  },
};
