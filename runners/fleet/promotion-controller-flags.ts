// The flags of `fleet promotion-controller` (the reference's names) and the request they give.
import { join, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import {
  CONTROLLER_FILE_KEYS,
  type ControllerFileKey,
  type ControllerFiles,
} from '../../lib/fleet/promotion-controller-codecs.js';
import { CONTROLLER_FILE_DEFAULTS } from '../../lib/fleet/promotion-controller-layout.js';
import { controllerSettingsOf, type GivenSettings } from '../../lib/fleet/promotion-controller-settings.js';
import type { ControllerRequest } from '../../lib/fleet/promotion-controller-steps.js';
import { str, type Flag, type Io, type Values } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { usageError } from '../cli/errors.js';
import { fleetTraceOf } from './common.js';
import { governanceFlags } from './governance-flags.js';
import { FORWARDED_EVALUATION_FLAGS } from './promotion-flags.js';

const value = (arg: string, help: string): Flag => ({ type: 'string', arg, help });
const file = (help: string): Flag => value('path', help);

/** The reference's flag naming a controller file: its key in kebab case (`stateFile` → `state-file`). */
const fileFlag = (key: ControllerFileKey): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const SETTING_FLAGS = [
  'mode',
  'apply-intent',
  'expand-step',
  'decision-ttl-minutes',
  'budget-window-hours',
  'max-applies-per-window',
  'max-expand-step-per-window',
  'cooldown-minutes',
] as const;

export const controllerFlags: Record<string, Flag> = {
  repo: file('Repository root holding .superloop/ (required).'),
  mode: value('mode', 'propose_only | guarded_auto_apply. Default: propose_only'),
  'apply-intent': value('intent', 'expand | resume: what a guarded apply does. Default: expand'),
  'expand-step': value('n', 'Expand step (1..100) for --apply-intent expand. Default: 25'),
  'decision-ttl-minutes': value(
    'n',
    'Oldest promotion decision (minutes) a guarded apply acts on. Default: 60',
  ),
  'budget-window-hours': value('n', 'Rolling window of the apply budget (hours). Default: 24'),
  'max-applies-per-window': value('n', 'Applies allowed in the window. Default: 1'),
  'max-expand-step-per-window': value('n', 'Cumulative expand step allowed in the window. Default: 25'),
  'cooldown-minutes': value(
    'n',
    'Minimum minutes between an apply or rollback and the next apply. Default: 60',
  ),
  'freeze-windows-file': file(
    'JSON {"windows":[{"start","end","reason"}]}: an active window holds a guarded apply.',
  ),
  ...Object.fromEntries(
    FORWARDED_EVALUATION_FLAGS.map((f) => [f, value('value', 'Forwarded to the promotion evaluation.')]),
  ),
  'skip-on-missing-evidence': { type: 'boolean', help: 'Forwarded to the evaluate and verify stages.' },
  ...Object.fromEntries(
    CONTROLLER_FILE_KEYS.map((key) => [
      fileFlag(key),
      file(`Default: fleet/${CONTROLLER_FILE_DEFAULTS[key]}`),
    ]),
  ),
  'idempotency-key': value('key', 'Forwarded to the apply stage.'),
  'trace-id': value(
    'id',
    'Trace id for the run and its stages. Default: $OPS_MANAGER_TRACE_ID, else generated.',
  ),
  'loop-id': value('id', 'Loop context id (seam metadata).'),
  'horizon-ref': value('id', 'Horizon reference (seam metadata).'),
  'evidence-ref': { ...value('ref', 'Evidence reference (repeatable).'), multiple: true },
  by: value('actor', 'Governance actor (required for guarded_auto_apply).'),
  'approval-ref': value('id', 'Governance approval reference (required for guarded_auto_apply).'),
  rationale: value('text', 'Governance rationale (required for guarded_auto_apply).'),
  'review-by': value('time', 'Governance review deadline (required for guarded_auto_apply).'),
  'as-of': asOfFlag,
  pretty: { type: 'boolean', help: 'Pretty-print JSON output.' },
};

const given = (v: Values, flag: string): string => str(v, flag) ?? '';

const evalFlagsOf = (v: Values): string[] => [
  ...FORWARDED_EVALUATION_FLAGS.flatMap((f) => (given(v, f) === '' ? [] : [`--${f}`, given(v, f)])),
  ...(v['skip-on-missing-evidence'] === true ? ['--skip-on-missing-evidence'] : []),
];

/** The files as named (an empty value means the default under the repo's fleet directory). */
const filesOf = (v: Values, repo: string): ControllerFiles =>
  Object.fromEntries(
    CONTROLLER_FILE_KEYS.map((key) => {
      const named = given(v, fileFlag(key));
      const fallback = join(repo, '.superloop', 'ops-manager', 'fleet', CONTROLLER_FILE_DEFAULTS[key]);
      return [key, named === '' ? fallback : named];
    }),
  ) as ControllerFiles;

/** The request from the flags, or a usage error with the reference's wording. */
export const controllerRequestOf = (v: Values, io: Io, repo: string): ControllerRequest => {
  const settingsGiven = Object.fromEntries(
    SETTING_FLAGS.flatMap((f) => (str(v, f) === undefined ? [] : [[f, str(v, f)]])),
  ) as GivenSettings;
  const settings = controllerSettingsOf(settingsGiven);
  if (E.isLeft(settings)) throw usageError(settings.left);
  const { governance, missing } = governanceFlags(v);
  const mode = settings.right.mode;
  if (mode === 'guarded_auto_apply' && missing !== null)
    throw usageError(`--${missing} is required for mode ${mode}`);
  const files = filesOf(v, repo);
  const refs = v['evidence-ref'];
  return {
    ...settings.right,
    repo,
    evalFlags: evalFlagsOf(v),
    files,
    targets: {
      stateFile: resolve(io.cwd, files.stateFile),
      telemetryFile: resolve(io.cwd, files.telemetryFile),
    },
    idempotencyKey: given(v, 'idempotency-key') || null,
    traceId: fleetTraceOf(v, io),
    loopId: given(v, 'loop-id') || null,
    horizonRef: given(v, 'horizon-ref') || null,
    evidenceRefs: Array.isArray(refs) ? refs : [],
    governance,
  };
};

/** The record targets the operator named by flag: written as named, not confined to the repo. */
export const namedTargets = (v: Values, r: ControllerRequest): ReadonlySet<string> =>
  new Set([
    ...(given(v, 'state-file') === '' ? [] : [r.targets.stateFile]),
    ...(given(v, 'telemetry-file') === '' ? [] : [r.targets.telemetryFile]),
  ]);
