// Progress through the real bin: on a terminal (a pseudo-terminal from `script`), replay draws one
// line on stderr, rewritten in place and cleared at the end; piped, or with --quiet, stderr stays
// empty. stdout is the same document either way.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, TSX, opsfoldIn, quote, shell } from '../cli/bin-kit.js';

const work = mkdtempSync(join(tmpdir(), 'opsfold-progress-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const line = (i: number) =>
  JSON.stringify({
    timestamp: '2026-02-22T00:00:00Z',
    event: 'iteration_start',
    loop_id: 'demo',
    run_id: 'r',
    iteration: i,
  });
writeFileSync(join(work, 'log.jsonl'), `${Array.from({ length: 60_000 }, (_, i) => line(i)).join('\n')}\n`);

// util-linux `script` gives a command a pseudo-terminal; where it is missing the terminal case is skipped.
const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));

/** stderr of `replay … > out` run on a pseudo-terminal; stdout goes to `out`. */
const onTerminal = async (out: string, ...extra: string[]) => {
  const argv = [TSX, BIN, 'replay', '--projection', 'loop-events', 'log.jsonl', ...extra]
    .map(quote)
    .join(' ');
  const r = await shell(`${SCRIPT} -qec ${quote(`${argv} > ${out}`)} /dev/null`, work);
  return { ...r, doc: readFileSync(join(work, out), 'utf8') };
};

// Nothing (work shorter than one redraw interval), or drawn lines each starting with a carriage
// return and an erase, then the final erase.
const DRAWN =
  // eslint-disable-next-line no-control-regex -- the terminal controls are what is asserted
  /^(?:(?:\r\x1b\[Kreplay: [\d,]+ events \([\d,]+\/s\), [^\r\n]+ of [^\r\n]+ \(\d+%\)(?:, ETA [0-9hms]+)?)+\r\x1b\[K)?$/;

describe('loop poll-events progress', () => {
  it('is silent when stderr is not a terminal, and the events stream on stdout is unchanged', async () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, '.superloop', 'loops', 'demo'), { recursive: true });
    writeFileSync(
      join(repo, '.superloop', 'loops', 'demo', 'events.jsonl'),
      readFileSync(join(work, 'log.jsonl')),
    );
    const r = await opsfoldIn(
      repo,
      'loop',
      'poll-events',
      '--loop',
      'demo',
      '--as-of',
      '2026-02-22T12:00:00Z',
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n').filter((l) => l !== '')).toHaveLength(60_000);
  });
});

describe('replay progress', () => {
  it('is silent when stderr is not a terminal', async () => {
    const r = await opsfoldIn(work, 'replay', '--projection', 'loop-events', 'log.jsonl');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toMatchObject({ events: 60_000 });
  });

  it.runIf(SCRIPT !== undefined)(
    'on a terminal draws only its own line, cleared at the end, and stdout is unchanged',
    async () => {
      const [piped, tty, quiet] = await Promise.all([
        opsfoldIn(work, 'replay', '--projection', 'loop-events', 'log.jsonl'),
        onTerminal('tty.json'),
        onTerminal('quiet.json', '--quiet'),
      ]);
      expect(tty.code).toBe(0);
      expect(tty.stdout).toMatch(DRAWN);
      if (process.env['OPSFOLD_SHOW_PROGRESS'] !== undefined) console.log(JSON.stringify(tty.stdout));
      expect(tty.doc).toBe(piped.stdout);
      expect([quiet.code, quiet.stdout, quiet.doc]).toEqual([0, '', piped.stdout]);
    },
  );
});
