// opsfold fleet horizon-bridge: claims horizon outbox envelope files, queues each new packet as an intent
// waiting for operator confirmation, and records the run. Reference: scripts/ops-manager-horizon-bridge.sh.
// Order: claim (move into inflight/), judge (lib/fleet/horizon-bridge.ts), write telemetry, queue and
// state, then move each claim to processed/ or rejected/. A crash before the last step leaves claims in
// inflight/, never a processed packet missing from the queue.
import type * as t from 'io-ts';
import { bridgeRun } from '../../lib/fleet/horizon-bridge.js';
import { bridgeQueueCodec, bridgeStateCodec } from '../../lib/fleet/horizon-codecs.js';
import { ConfinementError } from '../../lib/io/confine.js';
import { describeProblem } from '../../lib/io/document.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { refusedWrite } from '../cli/refused-write.js';
import { writeOut } from '../cli/write-out.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { prettyFlag, repoFlag } from '../cli/common-flags.js';
import { fleetTraceOf, traceFlag } from './common.js';
import { applyFleetEffects, readFleetDoc } from './edge.js';
import { claimOutbox, prepareClaims, readClaims, settleClaims, type BridgePaths } from './horizon-claims.js';
import { DEFAULTS, pathFlag as path, pathsOf } from './horizon-paths.js';
import { repoOf } from './promotion-paths.js';

const maxFilesOf = (v: Values): number => {
  const raw = str(v, 'max-files') ?? '0';
  if (!/^[0-9]+$/.test(raw)) throw usageError('--max-files must be an integer >= 0');
  return Number(raw);
};

/** The previous queue or state: missing is none; anything unreadable or of the wrong shape is an error. */
const readPrior = async <A>(
  p: BridgePaths,
  file: string,
  codec: t.Type<A, unknown, unknown>,
  what: string,
) => {
  const got = await readFleetDoc({ repo: p.repo, named: p.named }, file, codec);
  if (got.kind === 'missing') return null;
  if (got.kind === 'problem')
    throw new CliError(`invalid bridge ${what} JSON: ${file}`, [describeProblem(file, got.problem)]);
  return got.value;
};

// Claim names are unique to a run: the wall clock in nanoseconds and the process id, as the reference.
const stampOf = (io: Io): string =>
  `${io.now()}${String(process.hrtime.bigint() % 1_000_000n).padStart(6, '0')}.${process.pid}`;

const run = async (v: Values, io: Io): Promise<number> => {
  const repo = repoOf(io, str(v, 'repo'));
  const maxFiles = maxFilesOf(v);
  const p = pathsOf(v, repo);
  const priorQueue = await readPrior(p, p.queueFile, bridgeQueueCodec, 'queue');
  const priorState = await readPrior(p, p.stateFile, bridgeStateCodec, 'state');
  await prepareClaims(p);
  const claims = await readClaims(p, await claimOutbox(p, maxFiles, stampOf(io)));
  const decided = bridgeRun({
    asOf: asOfOf(v, io).iso,
    traceId: fleetTraceOf(v, io),
    files: p,
    priorQueue,
    priorState,
    claims,
  });
  await applyFleetEffects({ repo: p.repo, named: p.named }, decided.effects);
  await settleClaims(p, decided.moves);
  await writeOut(io.stdout, stableJson(decided.state, v['pretty'] === true));
  return decided.exitCode;
};

export const fleetHorizonBridge: Command = {
  path: ['fleet', 'horizon-bridge'],
  title: 'claim horizon outbox envelopes and queue each new packet for operator confirmation',
  usage: '--repo R [--outbox-dir D] [--claims-dir D] [--max-files N] [--trace-id ID] [...]',
  summary:
    'Claim the horizon outbox files (moved into <claims-dir>/inflight), check every envelope against ' +
    'horizon-envelope-contract-v1, queue each packet not seen before (by packetId and traceId) as an ' +
    'intent pending operator confirmation, move each claim to processed/ (or rejected/ when any line ' +
    'breaks the contract: none of its packets is queued), write the queue and state, append telemetry, ' +
    'and print the state.',
  flags: {
    repo: repoFlag,
    'outbox-dir': path(`Horizon outbox folder. Default: <repo>/${DEFAULTS['outbox-dir']}`),
    'claims-dir': path(
      `Claims folder (inflight/, processed/, rejected/). Default: <repo>/${DEFAULTS['claims-dir']}`,
    ),
    'queue-file': path(`Queue of intents output. Default: <repo>/${DEFAULTS['queue-file']}`),
    'state-file': path(`Bridge state output. Default: <repo>/${DEFAULTS['state-file']}`),
    'telemetry-file': path(`Bridge telemetry (append-only). Default: <repo>/${DEFAULTS['telemetry-file']}`),
    'max-files': {
      type: 'string',
      arg: 'n',
      help: 'Most outbox files to claim in one run (0: all). Default: 0',
    },
    ...traceFlag('Run trace id. Default: $OPS_MANAGER_TRACE_ID, else a generated id.'),
    'as-of': asOfFlag,
    pretty: prettyFlag,
  },
  exits: {
    [EXIT.ok]: 'every claimed file was processed (or there was none)',
    [EXIT.error]: 'the previous queue or state is not valid JSON, or a file could not be moved or written',
    [EXIT.gate]:
      'a claimed file broke the envelope contract and was moved to rejected/ (the rest is recorded)',
    [EXIT.usage]: 'usage error: unknown flag, missing --repo, bad --max-files or --as-of',
  },
  notes: [
    'Relative paths are under the repo, as in the reference. Run it again at any time: a packet already',
    'queued (or remembered in the state) is counted as a duplicate, never queued twice.',
  ],
  async run(v, _pos, io) {
    try {
      return await run(v, io);
    } catch (err) {
      throw err instanceof ConfinementError ? refusedWrite(err) : err;
    }
  },
};
