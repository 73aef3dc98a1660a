// Real harness and ops-cycle roots for the dashboard's tests, made by those domains' own commands: the
// harness's stall scenario replayed from fixtures/harness/stalled, and two ops cycles run on a copy of
// fixtures/cycle/roots/mock-queue with the fixture worker. The fixtures are never written.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { cycleCommands } from '../cycle/commands.js';
import { harnessCommands } from '../harness/commands.js';
import { replayTimeline } from '../harness/replay.js';

const fixtures = () => join(packageRoot(), 'fixtures');
const io = (cwd: string) => ({
  cwd,
  env: { HARNESS_BOT_KEY: 'test-bot-key-not-a-secret' },
  now: () => Date.parse('2026-05-28T05:09:30Z'),
});

/** A workspace where the watchdog escalated task-2801 (silent, critical) and warned about task-2802. */
export const harnessRoot = async (): Promise<string> => {
  const work = mkdtempSync(join(tmpdir(), 'opsfold-dash-harness-'));
  const replayed = await replayTimeline(
    harnessCommands,
    io(work),
    join(fixtures(), 'harness', 'stalled'),
    work,
  );
  return replayed.root;
};

/** A cycle root after two cycles: the first processes the mock ticket to DONE, the second finds none. */
export const cycleRoot = async (): Promise<string> => {
  const root = join(mkdtempSync(join(tmpdir(), 'opsfold-dash-cycle-')), 'root');
  cpSync(join(fixtures(), 'cycle', 'roots', 'mock-queue'), root, { recursive: true });
  const worker = `"${process.execPath}" "${join(fixtures(), 'cycle', 'workers', 'worker.mjs')}" done`;
  for (const at of ['2026-03-02T09:00:00', '2026-03-02T09:10:00']) {
    const argv = [
      'cycle',
      'run',
      '--root',
      root,
      '--worker-cmd',
      worker,
      '--as-of',
      at,
      '--tz',
      'Asia/Seoul',
    ];
    const ran = await runCaptured(cycleCommands, argv, io(root));
    if (ran.code !== 0 && ran.code !== 2) throw new Error(`cycle run exited ${ran.code}: ${ran.stderr}`);
  }
  return root;
};
