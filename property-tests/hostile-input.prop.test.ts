// Hostile input (property-tests/reliability/parsers.ts, lib/contracts-registry.ts, runners/cli/loop-paths.ts).
//
// Laws:
//   1. Every contract codec decodes any value (every JS kind, and values nested thousands deep) to an
//      Either without throwing, and its `is` never throws.
//   2. Every parser in the fuzz table, fed random bytes, mangled JSON, hostile JSONL or checkpoint-shaped
//      documents, returns or fails with an error it documents; a loop command over such artifacts exits
//      0 or 1 with an `error:` line, never with a stack trace.
//   3. Multi-megabyte lines and torn tails are read to the end; nesting beyond MAX_JSON_DEPTH is refused
//      as a corrupt line once lib/core/json-depth.ts guards parsing (tests marked `fails` until then).
//   4. A loop id that is empty, `.`, has `..`, a path separator or NUL is refused (exit 64) before any
//      file is touched; every accepted id stays one segment under .superloop/loops/. Symlinks out of
//      the repo are refused (marked `fails` until the runners check it).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractCodecs } from '../lib/contracts-registry.js';
import { foldFile } from '../lib/io/fold-file.js';
import { iterateJsonlBatches } from '../lib/io/jsonl.js';
import { loopEventsProjection } from '../lib/loop/events-projection.js';
import { decodeLoopEventLine } from '../lib/loop/event-guard.js';
import { runCaptured } from '../runners/cli/capture.js';
import { CliError } from '../runners/cli/errors.js';
import { checkLoopId, loopPaths } from '../runners/cli/loop-paths.js';
import { anythingArb, junkArb, mutatedEventArb } from './arbitraries.js';
import { fuzzTargets, type FuzzTarget } from './reliability/parsers.js';
import { AS_OF, loopCommands } from './reliability/loop-workload.js';

const seed = Number(process.env.FC_SEED ?? 424242);
let root = '';
let n = 0;
const fresh = (): string => {
  n += 1;
  const dir = join(root, `case-${n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-hostile-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const nested = (depth: number, leaf: unknown, wrap: (v: unknown) => unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i += 1) v = wrap(v);
  return v;
};

describe.each(Object.entries(contractCodecs))('the %s codec', (_name, codec) => {
  it('decodes any value to an Either without throwing', () => {
    const deep = fc.constantFrom(
      nested(3000, 1, (v) => [v]),
      nested(3000, null, (v) => ({ data: v, state: v })),
      { state: nested(3000, 0, (v) => [v]), source: nested(3000, 'x', (v) => ({ size: v })) },
    );
    fc.assert(
      fc.property(fc.oneof(anythingArb, fc.jsonValue({ maxDepth: 4 }), deep), (v) => {
        const r = codec.decode(v);
        expect(E.isLeft(r) || E.isRight(r)).toBe(true);
        expect(typeof codec.is(v)).toBe('boolean');
      }),
      { seed, numRuns: 150 },
    );
  });
});

// ---- inputs aimed at each parser's shape -------------------------------------------------------

const text = (s: string) => Buffer.from(s, 'utf8');
const mangle = (s: string, at: number, junk: string) =>
  s.slice(0, at % (s.length + 1)) + junk + s.slice(at % (s.length + 1));
const junkText = fc.string({
  unit: fc.constantFrom(
    '{',
    '}',
    '[',
    ']',
    '"',
    '\\',
    ',',
    ':',
    '\n',
    '\r',
    '\u0000',
    '\ufeff',
    'é',
    'a',
    '1',
    ' ',
  ),
  maxLength: 12,
});

const jsonArb: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => text(JSON.stringify(v))),
  fc
    .tuple(fc.jsonValue({ maxDepth: 4 }), fc.nat(), junkText)
    .map(([v, at, j]) => text(mangle(JSON.stringify(v), at, j))),
  junkArb(fc.jsonValue({ maxDepth: 3 })).map((v) => text(JSON.stringify(v) ?? 'null')),
);

const jsonlArb: fc.Arbitrary<Buffer> = fc
  .array(
    fc.oneof(
      mutatedEventArb().map((v) => JSON.stringify(v) ?? 'null'),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      junkText,
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
    ),
    { maxLength: 8 },
  )
  .chain((lines) => fc.boolean().map((end) => text(lines.join('\n') + (end ? '\n' : ''))));

const LOG =
  '{"timestamp":"2026-02-01T00:00:00Z","event":"loop_start"}\n{"timestamp":"2026-02-01T00:00:01Z","event":"iteration_start","iteration":1}\n';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const BOUNDS = [0, LOG.indexOf('\n') + 1, LOG.length];
const loopState = fc.record({
  records: fc.nat(),
  unnamed: fc.nat(),
  firstEventAt: fc.option(fc.string(), { nil: null }),
  last: fc.option(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), { nil: null }),
  lastLine: fc.nat(),
});

/** Checkpoint-shaped documents: some fingerprints match the log (so the fold resumes), fields drop or retype. */
const checkpointArb: fc.Arbitrary<Buffer> = fc
  .record({
    at: fc.constantFrom(...BOUNDS),
    realHead: fc.boolean(),
    projection: fc.constantFrom('loop-events', 'other', 7),
    version: fc.constantFrom(1, 2, '1'),
    lastLine: fc.oneof(fc.constant(null), fc.nat({ max: 200 })),
    state: fc.oneof(loopState, fc.constant(loopEventsProjection.initial)),
    drop: fc.subarray(['source', 'cursor', 'state', 'projection', 'version']),
    digest: fc.option(
      fc.record({ h: fc.array(fc.integer(), { maxLength: 9 }), pending: fc.string(), length: fc.integer() }),
      { nil: undefined },
    ),
  })
  .map((c) => {
    const doc: Record<string, unknown> = {
      projection: c.projection,
      version: c.version,
      source: {
        size: LOG.length,
        inode: 1,
        headSha256: c.realHead ? sha(LOG.slice(0, c.at)) : sha(`x${c.at}`),
        lastLineByteOffset: c.lastLine,
        lastLineSha256: c.lastLine === null ? null : sha(LOG.slice(c.lastLine, c.at)),
      },
      cursor: { byteOffset: c.at, lines: BOUNDS.indexOf(c.at) },
      state: c.state,
      ...(c.digest === undefined ? {} : { digest: c.digest }),
    };
    for (const k of c.drop) delete doc[k];
    return text(JSON.stringify(doc));
  });

const inputsFor = (t: FuzzTarget): fc.Arbitrary<Buffer> =>
  t.shape === 'jsonl'
    ? fc.oneof(jsonlArb, jsonArb)
    : t.shape === 'checkpoint'
      ? fc.oneof(checkpointArb, jsonArb)
      : jsonArb;

describe.each(fuzzTargets.map((t) => [t.name, t] as const))('the parser: %s', (_name, target) => {
  it('returns or fails with an error it documents, on any input', async () => {
    const cli = target.name.startsWith('loop ');
    await fc.assert(
      fc.asyncProperty(inputsFor(target), async (input) => {
        const outcome = await target.run(input, fresh()).then(
          () => null,
          (e: unknown) => e,
        );
        if (outcome !== null && !target.expectedError(outcome)) throw outcome;
      }),
      { seed, numRuns: cli ? 12 : 120 },
    );
  });
});

// ---- inputs that once crashed a parser: kept as regression cases ------------------------------------

describe.each(fuzzTargets.filter((t) => t.knownBug !== undefined).map((t) => [t.name, t] as const))(
  'the parser: %s, on the input of its known bug',
  (_name, target) => {
    it(`does not crash (once: ${target.knownBug?.why})`, async () => {
      const outcome = await target.run(target.knownBug!.example, fresh()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(outcome === null || target.expectedError(outcome)).toBe(true);
    });
  },
);

describe('a checkpoint whose fingerprint matches but whose content is hostile', () => {
  const resume = async (cp: Record<string, unknown>) => {
    const dir = fresh();
    writeFileSync(join(dir, 'log.jsonl'), LOG);
    writeFileSync(join(dir, 'cp.json'), JSON.stringify(cp));
    return foldFile(join(dir, 'log.jsonl'), loopEventsProjection, {
      checkpointPath: join(dir, 'cp.json'),
      decode: decodeLoopEventLine,
    });
  };
  const base = {
    projection: 'loop-events',
    version: 1,
    source: { size: 0, inode: 0, headSha256: sha(''), lastLineByteOffset: null, lastLineSha256: null },
    state: loopEventsProjection.initial,
  };
  // A negative or fractional cursor would reach createReadStream as a RangeError; the codec refuses it.
  // Past 2^53 the parsed offset is not the one written (JSON.stringify writes 2^60 exactly as digits).
  it.each([
    [{ byteOffset: -1, lines: 0 }],
    [{ byteOffset: 0.5, lines: 0 }],
    [{ byteOffset: 2 ** 60, lines: 0 }],
  ])('is ignored (fold from the start) when its cursor is %j', async (cursor) => {
    const r = await resume({ ...base, cursor });
    expect(r.state.records).toBe(2);
  });

  // A state of the wrong shape must not reach `evolve` (records "7" + 1 = "71"): the checkpoint's
  // stateSha256 no longer matches, so it is unreadable and the fold starts over.
  it('is ignored when its state does not have the projection state shape', async () => {
    const r = await resume({
      ...base,
      cursor: { byteOffset: 0, lines: 0 },
      state: { ...base.state, records: '7' },
    });
    expect(r.state.records).toBe(2);
  });
});

describe('multi-megabyte lines', () => {
  const MiB = 1 << 20;
  const read = async (file: string) => {
    const out = { records: 0, torn: 0 };
    for await (const b of iterateJsonlBatches(file)) {
      out.records += b.items.length;
      out.torn = b.end?.tornTail?.bytes ?? out.torn;
    }
    return out;
  };
  it('reads an 8 MiB line and the line after it', async () => {
    const file = join(fresh(), 'long.jsonl');
    writeFileSync(file, `{"m":"${'a'.repeat(8 * MiB)}"}\n{"n":1}\n`);
    expect(await read(file)).toEqual({ records: 2, torn: 0 });
  });
  it('holds back an 8 MiB torn tail without consuming it', async () => {
    const file = join(fresh(), 'torn.jsonl');
    writeFileSync(file, `{"n":1}\n{"m":"${'a'.repeat(8 * MiB)}`);
    expect(await read(file)).toEqual({ records: 1, torn: 8 * MiB + 6 });
  });
});

describe('an event nested 5000 levels deep (deeper than MAX_JSON_DEPTH)', () => {
  const first = '{"timestamp":"2026-02-01T00:00:00Z","event":"loop_start"}\n';
  const repoWith = () => {
    const repo = fresh();
    const dir = join(repo, '.superloop', 'loops', 'x');
    mkdirSync(dir, { recursive: true });
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    writeFileSync(
      join(dir, 'events.jsonl'),
      `${first}{"timestamp":"2026-02-01T00:00:01Z","event":"iteration_start","data":${deep}}\n`,
    );
    return repo;
  };
  const run = (...argv: string[]) =>
    runCaptured(loopCommands, [...argv, '--as-of', AS_OF], { cwd: root, env: {}, now: () => 0 });
  // Such a line would parse and then overflow the stack in every later write of a state or envelope
  // holding it; parseJson refuses it first, so it is an ordinary corrupt line with a position.
  it.each(['snapshot', 'poll-events'])(
    'makes `loop %s` fail closed at line 2 (file:line:byte), no stack',
    async (cmd) => {
      const repo = repoWith();
      const r = await run('loop', cmd, '--repo', repo, '--loop', 'x');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `events.jsonl:2:${first.length}: invalid JSON: nesting deeper than 512 levels`,
      );
      expect(r.stderr).not.toMatch(/^\s+at /m);
    },
  );
  it('is quarantined by `loop snapshot --skip-corrupt`, which then succeeds', async () => {
    const repo = repoWith();
    const r = await run('loop', 'snapshot', '--repo', repo, '--loop', 'x', '--skip-corrupt');
    expect(r.code, r.stderr).toBe(0);
  });
});

// ---- loop ids and paths -------------------------------------------------------------------------

const idArb = fc.oneof(
  fc.string({
    unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', '/', '\\', '\u0000', ':', 'é', ' '),
    maxLength: 8,
  }),
  fc.constantFrom(
    '',
    '.',
    '..',
    '../x',
    'x/..',
    '/etc',
    'C:\\x',
    'a\u0000b',
    '..a',
    'a..',
    '%2e%2e',
    '~',
    'x\n',
  ),
);

/** The oracle: a loop id is one path segment that cannot climb out of its parent. */
const safeId = (id: string) => id !== '' && id !== '.' && !/[/\\\0]/.test(id) && !id.includes('..');

describe('a loop id', () => {
  it('is accepted exactly when it is one safe segment, and then stays under .superloop/loops/', () => {
    fc.assert(
      fc.property(idArb, (id) => {
        const got = (() => {
          try {
            return checkLoopId(id);
          } catch (e) {
            return e;
          }
        })();
        if (!safeId(id)) {
          expect(got).toBeInstanceOf(CliError);
          expect((got as CliError).code).toBe(64);
          return;
        }
        expect(got).toBe(id);
        const p = loopPaths('/work', 'repo', id);
        expect(dirname(p.loopDir)).toBe(resolve('/work/repo/.superloop/loops'));
        expect(p.opsfoldDir.startsWith(resolve('/work/repo/.opsfold/loop') + sep)).toBe(true);
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('that is unsafe makes every loop command exit 64 before touching a file', async () => {
    await fc.assert(
      fc.asyncProperty(
        idArb.filter((id) => !safeId(id)),
        fc.constantFrom('snapshot', 'poll-events', 'project-state'),
        async (id, cmd) => {
          const dir = fresh();
          const r = await runCaptured(
            loopCommands,
            ['loop', cmd, '--repo', dir, '--loop', id, '--as-of', AS_OF],
            { cwd: dir, env: {}, now: () => 0 },
          );
          const refusal =
            id === '' ? 'error: --loop is required' : `error: invalid loop id: ${JSON.stringify(id)}`;
          expect([r.code, r.stderr.split('\n')[0]]).toEqual([64, refusal]);
          expect(readdirSync(dir)).toEqual([]);
        },
      ),
      { seed, numRuns: 60 },
    );
  });
});

describe('a repo path with a NUL byte', () => {
  it('is refused with an error line, no stack, nothing written', async () => {
    const dir = fresh();
    const r = await runCaptured(
      loopCommands,
      ['loop', 'snapshot', '--repo', `${dir}/a\u0000b`, '--loop', 'x'],
      { cwd: dir, env: {}, now: () => 0 },
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a loop whose directory or events log is a symlink out of the repo', () => {
  const outsideLoop = () => {
    const outside = fresh();
    writeFileSync(
      join(outside, 'events.jsonl'),
      '{"timestamp":"2026-02-01T00:00:00Z","event":"loop_start"}\n',
    );
    return outside;
  };
  // A symlinked loop dir or events log must not point the reader (and the writers of .opsfold/ and
  // ops-manager/) at files outside the repo.
  it.each(['loop dir', 'events log'])('is refused (%s)', async (which) => {
    const repo = fresh();
    const loops = join(repo, '.superloop', 'loops');
    mkdirSync(loops, { recursive: true });
    const outside = outsideLoop();
    if (which === 'loop dir') symlinkSync(outside, join(loops, 'x'));
    else {
      mkdirSync(join(loops, 'x'));
      symlinkSync(join(outside, 'events.jsonl'), join(loops, 'x', 'events.jsonl'));
    }
    const r = await runCaptured(
      loopCommands,
      ['loop', 'snapshot', '--repo', repo, '--loop', 'x', '--as-of', AS_OF],
      { cwd: repo, env: {}, now: () => 0 },
    );
    expect(r.code).not.toBe(0);
    expect(existsSync(join(repo, '.opsfold'))).toBe(false);
  });
});
