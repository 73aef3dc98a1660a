// Where a control invocation is recorded (the reference's paths under `.superloop/ops-manager/<loop>/`),
// each record appended through the locked appender: the record ports of lib/loop/control-run.ts. These
// logs are shared with writers outside opsfold's lock, so an unfinished last line is waited for, never
// sealed (lib/io/append.ts).
import { join } from 'node:path';
import type { ControlClock, ControlRecordPorts } from '../../../lib/loop/control-ports.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import { appendArtifact, loopRoots } from '../../cli/artifacts.js';

/** The loop's control record files and the appender, timed by `clock`. */
export const recordPorts = (p: LoopPaths, clock: ControlClock): ControlRecordPorts => ({
  files: {
    intents: join(p.managerDir, 'intents.jsonl'),
    control: join(p.managerDir, 'telemetry', 'control.jsonl'),
    invocations: join(p.managerDir, 'telemetry', 'control-invocations.jsonl'),
  },
  append: (file, records) => appendArtifact(loopRoots(p), file, records, { tornTail: 'await-writer' }),
  clock,
});
