// opsfold harness route: the incident-to-fix routing table (seed 004 §8), validated before every use.
import { resolve, join } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { CONTRACT_LAYERS, RoutingTable, routeOf, routingProblems } from '../../lib/harness/routing.js';
import { str, type Command } from '../cli/command.js';
import { CliError, usageError } from '../cli/errors.js';
import { packageRoot } from '../cli/package-root.js';
import { writeOut } from '../cli/write-out.js';
import { foundOr } from '../cli/json-doc.js';
import { readDocument } from '../../lib/io/store.js';
import { commonExits } from './flags.js';

const withNames = (e: { layers: readonly number[] }) => ({
  ...e,
  layer_names: e.layers.map((l) => CONTRACT_LAYERS[l] ?? 'unknown'),
});

export const harnessRoute: Command = {
  path: ['harness', 'route'],
  prints: 'json',
  title: 'route an incident to the contract layers that fix it (P0/P1/P2)',
  usage: '(--incident <id> | --list) [--table F]',
  summary:
    'Look an incident up in the validated routing table (config/harness-incident-routing.json: incident → contract ' +
    'layers, class, P0/P1/P2), shipped with the eight task-2703 incidents seed 004 maps. `--incident 3` is short ' +
    'for task-2703#3. The table is checked first: unique ids, layers 0..7, every contract layer 0..6 routed to.',
  flags: {
    incident: { type: 'string', arg: 'id', help: 'Incident id (task-2703#3) or its number (3).' },
    list: { type: 'boolean', help: 'Print the whole table.' },
    table: {
      type: 'string',
      arg: 'path',
      help: 'Routing table. Default: the shipped config/harness-incident-routing.json.',
    },
  },
  exits: { ...commonExits, 1: `${commonExits[1]}; invalid table; unknown incident` },
  async run(v, _pos, io) {
    const given = str(v, 'table');
    const file =
      given === undefined
        ? join(packageRoot(), 'config', 'harness-incident-routing.json')
        : resolve(io.cwd, given);
    const read = await readDocument(file, RoutingTable);
    const found = foundOr(read, `invalid incident routing table: ${file}`, file);
    if (!found.found) throw new CliError(`incident routing table not found: ${file}`);
    const table = found.value;
    const problems = routingProblems(table);
    if (problems.length > 0) throw new CliError(`invalid incident routing table: ${file}`, problems);
    if (v['list'] === true) {
      await writeOut(io.stdout, stableJson({ incidents: table.incidents.map(withNames) }));
      return 0;
    }
    const id = str(v, 'incident');
    if (id === undefined) throw usageError('--incident or --list is required');
    const entry = routeOf(table, id);
    if (entry === undefined)
      throw new CliError(`unknown incident: ${id}`, [
        `known: ${table.incidents.map((e) => e.id).join(', ')}`,
      ]);
    await writeOut(io.stdout, stableJson(withNames(entry)));
    return 0;
  },
};
