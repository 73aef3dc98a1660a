// opsfold ship: publishes a loop's events.jsonl to NATS JetStream, exactly once (lib/io/nats/ship.ts),
// so the loop's projections can be folded from the stream on another machine (--source nats://…).
import { stableJson } from '../../lib/core/stable-json.js';
import { fileCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { EVENTS_STREAM } from '../../lib/io/nats/names.js';
import { shipEvents } from '../../lib/io/nats/ship.js';
import { required, str, type Command } from '../cli/command.js';
import { loopFlag, prettyFlag, repoFlag, stateDirFlag } from '../cli/common-flags.js';
import { EXIT, usageError } from '../cli/errors.js';
import { loopPaths } from '../cli/loop-paths.js';
import { addressOf, fleetIdFlag, natsUrl, withJetStream } from '../cli/nats-flags.js';
import { writeOut } from '../cli/write-out.js';
import { mkdir } from 'node:fs/promises';

const replicasOf = (raw: string | undefined): number => {
  if (raw === undefined) return 1;
  if (!/^[1-5]$/.test(raw)) throw usageError(`--replicas must be 1 to 5: ${raw}`);
  return Number(raw);
};

export const ship: Command = {
  path: ['ship'],
  title: "publish a loop's events.jsonl to NATS JetStream, exactly once",
  usage: '--repo <path> --loop <id> --nats <nats://host:port> [--fleet <id>] [--replicas N] [--pretty]',
  summary:
    `Publish every complete line of the loop's events.jsonl after the ship cursor to opsfold.<fleet>.<loop>.events ` +
    `in the ${EVENTS_STREAM} stream (created when missing), then save the cursor. Prints ` +
    '{ subject, stream, published, duplicates, from, cursor, tornTail }.',
  flags: {
    repo: repoFlag,
    loop: loopFlag,
    nats: {
      type: 'string',
      arg: 'url',
      help: 'NATS server URL, nats://host:port (a comma list for a cluster).',
    },
    fleet: fleetIdFlag,
    replicas: { type: 'string', arg: 'N', help: 'Replicas of the stream when ship creates it (default 1).' },
    'state-dir': stateDirFlag,
    pretty: prettyFlag,
  },
  exits: {
    [EXIT.ok]: 'every complete line is in the stream and the cursor is saved',
    [EXIT.error]:
      'the server is unreachable (nothing written), or the log was truncated or rotated under the cursor',
    [EXIT.usage]: 'usage error: missing --repo/--loop/--nats, bad URL, fleet or loop id',
  },
  notes: [
    'Each line is published with Nats-Msg-Id <subject>:<sha256 of the first line>:<byte offset>: after a crash',
    'the same lines are sent again with the same ids and the stream drops them (duplicate window 1 h).',
    'The ship cursor (<state-dir>/loop/<loop>/ship/<fleet>.<loop>.json) is saved only after the acknowledgements.',
    'An unterminated last line is held back until it is complete, as the file reader does.',
  ],
  async run(v, _pos, io) {
    const url = natsUrl(required(v, 'nats'), 'nats');
    const p = loopPaths(io.cwd, required(v, 'repo'), required(v, 'loop'), str(v, 'state-dir'));
    const at = addressOf(v, p.loopId);
    const replicas = replicasOf(str(v, 'replicas'));
    const result = await withJetStream(url, async (conn) => {
      await mkdir(p.opsfoldDir, { recursive: true });
      return shipEvents(conn, { file: p.events, at, cursors: fileCheckpointStore(p.opsfoldDir), replicas });
    });
    await writeOut(io.stdout, stableJson({ stream: EVENTS_STREAM, ...result }, v['pretty'] === true));
    return EXIT.ok;
  },
};
