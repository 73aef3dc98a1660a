// The kill harness's checks can fail: each broken promise, planted by hand in a kernel-workload
// directory, is reported (reliability/verify.ts). Without this, a harness that checks nothing would
// print lost=0 too.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fold } from '../lib/core/projection.js';
import { appendJsonl } from '../lib/io/append.js';
import { writeJsonAtomic } from '../lib/io/atomic.js';
import { foldFile, saveFoldCheckpoint } from '../lib/io/fold-file.js';
import { kernelWorkload, killProjection } from './reliability/kernel-workload.js';
import { verify } from './reliability/verify.js';
import { ackFileOf } from './reliability/workload.js';

let dir = '';
const layout = () => kernelWorkload.layout(dir);
const log = () => join(dir, 'log.jsonl');
const output = () => join(dir, 'out', 'output.json');
const checkpoint = () => join(dir, 'state', 'checkpoints', 'kill-records.json');
const rec = (id: string) => ({ id, gen: 1, v: 1, pad: '' });

/** Appends, acknowledges, folds, writes the output and saves the checkpoint: one healthy step. */
const healthyStep = async (ids: string[]) => {
  await appendJsonl(log(), ids.map(rec));
  appendFileSync(ackFileOf(dir), ids.map((id) => `${id}\n`).join(''));
  const r = await foldFile(log(), killProjection, {
    checkpointPath: checkpoint(),
    skipCorrupt: true,
    digest: true,
  });
  await writeJsonAtomic(output(), { cursor: r.cursor, state: r.state });
  await saveFoldCheckpoint(checkpoint(), log(), killProjection, r);
  return r;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsfold-verify-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('when every step completed', () => {
  it('reports nothing wrong', async () => {
    await healthyStep(['1-0', '1-1']);
    await healthyStep(['2-0']);
    const c = await verify(dir, layout());
    expect(c).toMatchObject({ acknowledged: 3, lost: [], duplicated: [], unparsable: [], mismatches: [] });
  });
});

describe('when an acknowledged id is missing or a record is in the log twice', () => {
  it('reports it lost, or duplicated', async () => {
    await healthyStep(['1-0']);
    appendFileSync(ackFileOf(dir), '9-9\n');
    await appendJsonl(log(), [rec('1-0')]);
    const c = await verify(dir, layout());
    expect([c.lost, c.duplicated]).toEqual([['9-9'], ['1-0']]);
  });

  it('does not count an acknowledgement cut before its newline (it was never complete)', async () => {
    await healthyStep(['1-0']);
    appendFileSync(ackFileOf(dir), '9-9');
    expect((await verify(dir, layout())).lost).toEqual([]);
  });
});

describe('when an output does not parse', () => {
  it('reports it with its file', async () => {
    await healthyStep(['1-0']);
    writeFileSync(output(), '{"cursor":');
    expect((await verify(dir, layout())).unparsable).toEqual([expect.stringContaining(output())]);
  });
});

describe('when a checkpoint claims more than its bytes hold', () => {
  it('reports a cursor past a torn tail', async () => {
    const r = await healthyStep(['1-0']);
    appendFileSync(log(), '{"id":"1-1"');
    const size = r.cursor.byteOffset + '{"id":"1-1"'.length;
    const torn = { ...r, cursor: { byteOffset: size, lines: r.cursor.lines }, digest: null };
    await saveFoldCheckpoint(checkpoint(), log(), killProjection, torn);
    expect((await verify(dir, layout())).mismatches).toContainEqual(
      expect.stringContaining('is not on a line boundary'),
    );
  });

  it('reports a state that folded a record twice', async () => {
    const r = await healthyStep(['1-0', '1-1']);
    const twice = fold(
      killProjection,
      [rec('1-0'), rec('1-1'), rec('1-1')].map((value, i) => ({
        value,
        position: { line: i + 1, byteOffset: 0 },
      })),
    );
    await saveFoldCheckpoint(checkpoint(), log(), killProjection, { ...r, state: twice });
    const c = await verify(dir, layout());
    expect(c.mismatches).toContainEqual(expect.stringContaining('state differs from a fresh fold'));
    expect(c.mismatches).toContainEqual(expect.stringContaining('resuming gives another result'));
  });

  it('reports an output whose state is not the fold of the bytes before its cursor', async () => {
    const r = await healthyStep(['1-0']);
    await writeJsonAtomic(output(), { cursor: r.cursor, state: { ...r.state, records: 5 } });
    expect((await verify(dir, layout())).mismatches).toEqual([expect.stringContaining(output())]);
  });
});
