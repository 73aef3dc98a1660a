// opsfold loop profile-drift: evaluates whether the applied threshold profile has drifted from the
// telemetry recommendation (confidence- and streak-gated), persists profile-drift.json, appends
// telemetry/profile-drift.jsonl, and raises profile_drift_detected in escalations.jsonl when drift
// becomes active (a resolve record when it clears).
import { stableJson } from '../../lib/core/stable-json.js';
import { confidenceLevel, type ConfidenceLevel } from '../../lib/loop/profile-drift.js';
import { positiveInteger } from '../../lib/loop/flag-numbers.js';
import { profileNamesProblem, type ProfileNames } from '../../lib/loop/profile-drift-inputs.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { readJsonDoc } from '../cli/json-doc.js';
import { writeOut } from '../cli/write-out.js';
import { loopFlag, prettyFlag, repoFlag, stateDirFlag, traceIdFlag } from '../cli/common-flags.js';
import { runDriftStep } from './observability/drift-step.js';
import { nowFlag, nowOf, optional, transportFlag, transportOf } from './observability/inputs.js';
import { managerFiles, pathFlag, stepPaths } from './observability/step-files.js';
import { CATALOG_ENV, CATALOG_FILE, catalogPath } from './observability/thresholds-flags.js';

const positive = (v: Values, name: string, fallback: string): number => {
  const n = positiveInteger(str(v, name) ?? fallback);
  if (n === null) throw usageError(`--${name} must be an integer >= 1`);
  return n;
};

const level = (v: Values, name: string, fallback: ConfidenceLevel): ConfidenceLevel => {
  const l = confidenceLevel(str(v, name) ?? fallback);
  if (l === null) throw usageError(`--${name} must be one of: low, medium, high`);
  return l;
};

/** Both profile names must exist in the catalog. */
const checkProfiles = async (v: Values, io: Io, names: ProfileNames) => {
  const { file, shownAs } = catalogPath(str(v, 'thresholds-file'), io);
  const bad = `invalid threshold profiles file: ${shownAs}`;
  const doc = await readJsonDoc(file, bad, shownAs);
  const problem = profileNamesProblem(doc.found ? doc.value : undefined, names);
  if (problem !== null) throw new CliError(problem.kind === 'no_profiles' ? bad : problem.message);
};

export const loopProfileDrift: Command = {
  path: ['loop', 'profile-drift'],
  title: 'evaluate threshold profile drift against the telemetry recommendation',
  usage: '--repo <path> --loop <id> --applied-profile P --recommended-profile P [options]',
  summary:
    'Evaluate whether the applied threshold profile has drifted from the recommended one: a mismatch counts when ' +
    'the recommendation confidence reaches --min-confidence, and drift is active after --required-streak counted ' +
    'mismatches in a row. Writes profile-drift.json, appends telemetry/profile-drift.jsonl, and appends a ' +
    'profile_drift_detected escalation when drift becomes active (a resolve record when it clears).',
  flags: {
    repo: repoFlag,
    loop: loopFlag,
    'applied-profile': { type: 'string', arg: 'name', help: 'Applied threshold profile.' },
    'recommended-profile': { type: 'string', arg: 'name', help: 'Recommended threshold profile.' },
    'thresholds-file': pathFlag(
      `Profile catalog JSON (default: ${CATALOG_ENV}, else opsfold's ${CATALOG_FILE}).`,
    ),
    'recommendation-confidence': {
      type: 'string',
      arg: 'level',
      help: 'low | medium | high (default: low).',
    },
    'min-confidence': {
      type: 'string',
      arg: 'level',
      help: 'Minimum confidence to count a mismatch (default: medium).',
    },
    'required-streak': {
      type: 'string',
      arg: 'n',
      help: 'Counted mismatches in a row to activate drift (default: 3).',
    },
    'summary-window': {
      type: 'string',
      arg: 'n',
      help: 'Summary window recorded with the state (default: 200).',
    },
    rationale: { type: 'string', arg: 'text', help: 'Recommendation rationale text.' },
    'drift-state-file': pathFlag('State. Default: <repo>/.superloop/ops-manager/<loop>/profile-drift.json'),
    'drift-history-file': pathFlag(
      'History JSONL. Default: …/ops-manager/<loop>/telemetry/profile-drift.jsonl',
    ),
    'escalations-file': pathFlag(
      'Escalations JSONL. Default: <repo>/.superloop/ops-manager/<loop>/escalations.jsonl',
    ),
    transport: transportFlag,
    'state-dir': stateDirFlag,
    now: nowFlag,
    'as-of': asOfFlag,
    'trace-id': traceIdFlag,
    pretty: prettyFlag,
  },
  exits: {
    [EXIT.ok]: 'drift evaluated, written and printed (active or not)',
    [EXIT.error]: 'catalog unreadable or without profiles, unknown profile name, drift state not JSON',
    [EXIT.usage]: 'usage error: missing --repo/--loop, bad confidence level, streak or window',
    [EXIT.lock]: 'the drift state stayed locked by another process for 10 s',
  },
  async run(v, _pos, io) {
    const p = stepPaths(v, io);
    const inputs = {
      loopId: p.loopId,
      appliedProfile: optional(v, 'applied-profile'),
      recommendedProfile: optional(v, 'recommended-profile'),
      requiredStreak: positive(v, 'required-streak', '3'),
      summaryWindow: positive(v, 'summary-window', '200'),
      recommendationConfidence: level(v, 'recommendation-confidence', 'low'),
      minConfidence: level(v, 'min-confidence', 'medium'),
      rationale: optional(v, 'rationale'),
    };
    await checkProfiles(v, io, { applied: inputs.appliedProfile, recommended: inputs.recommendedProfile });
    const transport = optional(v, 'transport') === null ? null : transportOf(v);
    const file = managerFiles(v, io, p);
    const out = await runDriftStep({
      inputs: { ...inputs, asOf: nowOf(v, io).iso },
      driftStateFile: file('drift-state-file', 'profile-drift.json'),
      driftHistoryFile: file('drift-history-file', 'telemetry/profile-drift.jsonl'),
      escalationsFile: file('escalations-file', 'escalations.jsonl'),
      opsfoldDir: p.opsfoldDir,
      transport,
      traceId: optional(v, 'trace-id'),
    });
    for (const n of out.notes) io.stderr.write(`note: ${n}\n`);
    await writeOut(io.stdout, stableJson(out.drift, v['pretty'] === true));
    return EXIT.ok;
  },
};
