// opsfold loop threshold-profile: resolves one profile of the versioned threshold catalog, or lists
// the profile names. Fail-closed: a missing or malformed catalog, an unknown profile or invalid
// values exit 1 with the reference's error line.
import * as E from 'fp-ts/lib/Either.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { profileNames, resolveProfile } from '../../lib/loop/thresholds.js';
import { str, type Command } from '../cli/command.js';
import { EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { prettyFlag } from '../cli/common-flags.js';
import {
  CATALOG_ENV,
  CATALOG_FILE,
  checkedCatalog,
  thresholdFailure,
} from './observability/thresholds-flags.js';

export const loopThresholdProfile: Command = {
  path: ['loop', 'threshold-profile'],
  title: 'resolve or list the threshold profiles of the catalog',
  usage: '[--profile NAME] [--profiles-file F] [--pretty] | --list',
  summary:
    'Resolve one threshold profile (ingest lag and transport failure streak thresholds) from the versioned ' +
    'catalog, or list the profile names with --list. Without --profile the catalog defaultProfile is used.',
  flags: {
    'profiles-file': {
      type: 'string',
      arg: 'path',
      help: `Profile catalog JSON (default: ${CATALOG_ENV}, else opsfold's ${CATALOG_FILE}).`,
    },
    profile: { type: 'string', arg: 'name', help: 'Profile name (default: the catalog defaultProfile).' },
    list: { type: 'boolean', help: 'Print the profile names, one per line, sorted.' },
    pretty: prettyFlag,
  },
  exits: {
    [EXIT.ok]: 'profile printed, or names listed',
    [EXIT.error]:
      'catalog missing, not JSON, of invalid shape; unknown profile; profile values invalid or out of order',
    [EXIT.usage]: 'usage error: unknown flag',
  },
  async run(v, _pos, io) {
    const { catalog, shownAs } = await checkedCatalog(str(v, 'profiles-file'), io);
    if (v['list'] === true) {
      await writeOut(
        io.stdout,
        profileNames(catalog)
          .map((name) => `${name}\n`)
          .join(''),
      );
      return EXIT.ok;
    }
    const r = resolveProfile(catalog, shownAs, str(v, 'profile') ?? null);
    if (E.isLeft(r)) throw thresholdFailure(r.left);
    await writeOut(io.stdout, stableJson(r.right, v['pretty'] === true));
    return EXIT.ok;
  },
};
