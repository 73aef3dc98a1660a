// opsfold fleet registry: validates and normalizes the fleet registry, fail-closed.
import { stableJson } from '../../lib/core/stable-json.js';
import { str, type Command } from '../cli/command.js';
import { asOfOf } from '../cli/clock.js';
import { EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { baseFlags } from './common.js';
import { fileFlag, fleetPaths } from './paths.js';
import { loadRegistry } from './registry-load.js';

export const fleetRegistry: Command = {
  path: ['fleet', 'registry'],
  title: 'validate and normalize the fleet registry (fail-closed)',
  usage: '--repo <path> [--loop <id>] [--registry-file <path>] [--pretty]',
  summary:
    'Validate .superloop/ops-manager/fleet/registry.v1.json (loops, transports, policy, autonomous controls, ' +
    'rollout, and the governance required in guarded_auto mode: reviewBy after changedAt and in the future at ' +
    '--as-of) and print it normalized with every default filled in. Any problem fails closed with one line each.',
  flags: {
    ...baseFlags,
    ...fileFlag('registryFile', 'Fleet registry JSON'),
    loop: { type: 'string', arg: 'id', help: 'Print only this loop (an unknown id is an error).' },
  },
  exits: {
    [EXIT.ok]: 'the registry is valid; the normalized registry is printed',
    [EXIT.error]:
      'missing or unparsable registry, an invalid registry (every reason listed), or an unknown --loop',
    [EXIT.usage]: 'usage error: unknown flag, missing --repo, bad --as-of',
  },
  notes: [
    'Unlike the reference, `enabled: false` (on a loop, on rollout.autoPause) stays false, and a malformed entry',
    '(a string where an object belongs, loops that are not an array) is reported instead of crashing the validator.',
  ],
  async run(v, _pos, io) {
    const p = fleetPaths(io.cwd, v);
    const registry = await loadRegistry(p, { asOfMs: asOfOf(v, io).ms }, str(v, 'loop') ?? null);
    await writeOut(io.stdout, stableJson(registry, v['pretty'] === true));
    return EXIT.ok;
  },
};
