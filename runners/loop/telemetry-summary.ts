// opsfold loop telemetry-summary: reconcile/control telemetry over the last N records, with the
// threshold profile it recommends and how confident that recommendation is.
import { join, resolve } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { loopFlag, prettyFlag, repoFlag } from '../cli/common-flags.js';
import { optional } from './observability/inputs.js';
import { pathFlag, stepPaths } from './observability/step-files.js';
import { readTelemetrySummary } from './observability/telemetry-window.js';

const windowOf = (v: Values): number => {
  const s = str(v, 'window') ?? '200';
  if (!/^[0-9]+$/.test(s) || Number(s) < 1) throw usageError('--window must be an integer >= 1');
  return Number(s);
};

const fileOf = (v: Values, io: Io, flag: string, fallback: string) => {
  const given = optional(v, flag);
  return given === null
    ? { path: fallback, shownAs: fallback }
    : { path: resolve(io.cwd, given), shownAs: given };
};

export const loopTelemetrySummary: Command = {
  path: ['loop', 'telemetry-summary'],
  title: 'summarise recent reconcile/control telemetry and recommend a threshold profile',
  usage: '--repo <path> --loop <id> [--window N] [--pretty]',
  summary:
    'Summarise the last N reconcile and control telemetry records (outcome and health rates, reason-code ' +
    'frequency, duration percentiles) and recommend a threshold profile (strict | balanced | relaxed) with a ' +
    'confidence (low < 30 records <= medium < 100 <= high). Only the window is read, from the end of each log.',
  flags: {
    repo: repoFlag,
    loop: loopFlag,
    'reconcile-telemetry-file': pathFlag(
      'Default: <repo>/.superloop/ops-manager/<loop>/telemetry/reconcile.jsonl',
    ),
    'control-telemetry-file': pathFlag(
      'Default: <repo>/.superloop/ops-manager/<loop>/telemetry/control.jsonl',
    ),
    window: { type: 'string', arg: 'n', help: 'Number of most recent records to summarise (default: 200).' },
    'as-of': asOfFlag,
    pretty: prettyFlag,
  },
  exits: {
    [EXIT.ok]: 'summary printed',
    [EXIT.error]: 'reconcile telemetry file missing, or an unparsable record in the window (file:line:byte)',
    [EXIT.usage]: 'usage error: missing --repo/--loop, --window not an integer >= 1',
  },
  async run(v, _pos, io) {
    const p = stepPaths(v, io);
    const window = windowOf(v);
    const telemetry = join(p.managerDir, 'telemetry');
    const summary = await readTelemetrySummary({
      repoPath: p.repo,
      loopId: p.loopId,
      reconcileFile: fileOf(v, io, 'reconcile-telemetry-file', join(telemetry, 'reconcile.jsonl')),
      controlFile: fileOf(v, io, 'control-telemetry-file', join(telemetry, 'control.jsonl')),
      window,
      generatedAt: asOfOf(v, io).iso,
    });
    await writeOut(io.stdout, stableJson(summary, v['pretty'] === true));
    return EXIT.ok;
  },
};
