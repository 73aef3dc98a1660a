// opsfold fleet promotion-controller: evaluate the promotion decision (orchestration dry_run) and, in
// guarded_auto_apply, apply it when it is fresh and within budget, verify, and roll back when the
// verification fails. Records the run's state and a telemetry row. Reference:
// scripts/ops-manager-promotion-controller.sh.
import { repoRoot } from '../cli/repo-root.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { runPromotionController } from '../../lib/fleet/promotion-controller.js';
import { str, type Command } from '../cli/command.js';
import { asOfOf } from '../cli/clock.js';
import { CliError, EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { applyFleetEffects, type EdgeRoots } from './edge.js';
import { controllerFlags, controllerRequestOf, namedTargets } from './promotion-controller-flags.js';
import { readFreezeWindows, readMutations, readPreviousState } from './promotion-controller-read.js';
import { controllerPorts } from './promotion-controller-stages.js';
import { repoOf } from './promotion-paths.js';

export const fleetPromotionController: Command = {
  path: ['fleet', 'promotion-controller'],
  title: 'promotion controller: propose, or apply a fresh in-budget promote with verify and rollback',
  usage:
    '--repo R [--mode propose_only|guarded_auto_apply] [--by A --approval-ref X --rationale T --review-by D] [...]',
  summary:
    'Run the promotion orchestration in dry_run and judge its decision: propose_only records a proposal; ' +
    'guarded_auto_apply applies a promote decision that is fresh (--decision-ttl-minutes), within the ' +
    'apply budget and cooldown and outside any freeze window, then verifies it with the promotion CI ' +
    'and rolls back when verification fails. Writes the state file, appends a telemetry row, prints the state.',
  flags: controllerFlags,
  exits: {
    [EXIT.ok]: 'state recorded: proposed, hold, applied or rolled_back',
    [EXIT.error]: 'an input or a stage result could not be read (nothing recorded)',
    [EXIT.usage]: 'usage error: unknown flag, missing --repo, a value out of range, missing governance',
  },
  notes: [
    "A failing stage (evaluate, apply, rollback) records a `failed` state and exits with that stage's exit",
    "code. The stages are opsfold's own fleet promotion-orchestrate and promotion-ci, run in process with",
    "the run's --as-of when one is given;",
    'OPS_MANAGER_PROMOTION_ORCHESTRATE_SCRIPT and OPS_MANAGER_PROMOTION_CI_SCRIPT replace them with scripts.',
  ],
  async run(v, _pos, io) {
    const repoArg = str(v, 'repo');
    const request = controllerRequestOf(v, io, repoRoot(io.cwd, repoArg));
    const freezeWindows = await readFreezeWindows(io.cwd, str(v, 'freeze-windows-file') ?? '');
    repoOf(io, repoArg);
    const roots: EdgeRoots = { repo: request.repo, named: namedTargets(v, request) };
    const previousState = await readPreviousState(roots, request);
    const mutations = await readMutations(roots, request);
    const asOf = asOfOf(v, io);
    const inputs = {
      timestamp: asOf.iso,
      now: Math.floor(asOf.ms / 1000),
      previousState,
      mutations,
      freezeWindows,
    };
    const outcome = await runPromotionController(request, controllerPorts(io, v), inputs);
    if (outcome.kind === 'refused') throw new CliError(outcome.errorLine);
    await applyFleetEffects(roots, outcome.effects);
    if (outcome.stageOutput !== null && outcome.stageOutput !== '')
      io.stderr.write(outcome.stageOutput.endsWith('\n') ? outcome.stageOutput : `${outcome.stageOutput}\n`);
    await writeOut(io.stdout, stableJson(outcome.state, v['pretty'] === true));
    return outcome.exitCode;
  },
};
