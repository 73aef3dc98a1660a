// Decoding and the pure loop functions never throw, and the fast guard agrees with its codec.
//
// Laws (lib/core/codec.ts, lib/loop/codecs.ts, lib/loop/event-guard.ts, envelope.ts, snapshot.ts,
// project-state.ts):
//   1. Every io-ts codec exported from lib/loop/codecs.ts (and the manager-state codec) decodes any
//      value to an Either without throwing, and `codec.is(v)` agrees with `isRight(codec.decode(v))`.
//   2. `decode(codec, v)` (the kernel's wrapper) never throws ("Decoding returns Either and never
//      throws"), and its Left names the JSON path of the offending field: a realistic event with one
//      field of the wrong type is refused at `$.<field>`, a snapshot with a bad `run.iteration` at
//      `$.run.iteration`.
//   3. `isLoopEventLine(v)` is true exactly when `LoopEventLine.is(v)`, for any value;
//      `decodeLoopEventLine` returns Right(v) (the same object) exactly then.
//   4. checkSnapshotEnvelope / checkEventEnvelope, eventEnvelope, buildSnapshot / factsOf and
//      projectState never throw on JSON documents of any shape; what they build satisfies the contract
//      codecs (LoopRunEvent, LoopRunSnapshot for realistic documents, ManagerState always), and their
//      own guards accept it.
// "Any value" means fast-check's `anything` with every kind turned on (boxed values, Map, Set, Date,
// typed and sparse arrays, null prototypes, BigInt); "JSON documents" means what JSON.parse can return.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from '../lib/core/codec.js';
import * as loopCodecs from '../lib/loop/codecs.js';
import { LoopEventLine, LoopRunEvent, LoopRunSnapshot } from '../lib/loop/codecs.js';
import { ManagerState } from '../lib/loop/state-codec.js';
import { decodeLoopEventLine, isLoopEventLine } from '../lib/loop/event-guard.js';
import { eventEnvelope } from '../lib/loop/envelope.js';
import { projectionViews } from '../lib/loop/envelope-views.js';
import { readView } from '../lib/loop/lenient.js';
import { StateView } from '../lib/loop/manager-views.js';
import { buildSnapshot, factsOf, type SnapshotInputs } from '../lib/loop/snapshot.js';
import { snapshotDocs } from '../lib/loop/snapshot-views.js';
import { lifecycleOf } from '../lib/loop/lifecycle.js';
import {
  checkEventEnvelope,
  checkSnapshotEnvelope,
  divergenceOf,
  projectState,
  type ProjectStateInputs,
} from '../lib/loop/project-state.js';
import type { RawEvent } from '../lib/loop/event-fields.js';
import {
  anythingArb,
  anythingButBigIntArb,
  eventLogArb,
  junkArb,
  loopDocsArb,
  loopIdArb,
  mutatedEventArb,
  timestampArb,
  TYPED_EVENT_KEYS,
} from './arbitraries.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const params = { seed, numRuns: 400 };

/** Every io-ts codec the loop domain exports, found by value so a new one is covered without edits here. */
const codecs: [string, t.Mixed][] = [
  ...Object.entries(loopCodecs).flatMap(([name, c]): [string, t.Mixed][] =>
    c instanceof t.Type ? [[name, c as t.Mixed]] : [],
  ),
  ['ManagerState', ManagerState],
];

const isEither = (r: unknown): boolean =>
  E.isLeft(r as E.Either<unknown, unknown>) || E.isRight(r as E.Either<unknown, unknown>);

const jsonArb = junkArb(fc.jsonValue({ maxDepth: 4 }));
const allArb = junkArb(anythingArb);
const noBigIntArb = junkArb(anythingButBigIntArb);

describe('the loop codecs', () => {
  it('covers every exported codec', () => {
    expect(codecs.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining([
        'Approval',
        'LoopEventLine',
        'LoopRunEvent',
        'LoopRunSnapshot',
        'PollCursor',
        'RunStatus',
        'RunSummary',
        'SuperloopState',
      ]),
    );
  });

  it.each(codecs)(
    '%s decodes any value to an Either without throwing, and is() agrees with decode()',
    (_name, codec) => {
      fc.assert(
        fc.property(allArb, (v) => {
          const r = codec.decode(v);
          expect(isEither(r)).toBe(true);
          expect(codec.is(v)).toBe(E.isRight(r));
        }),
        { seed, numRuns: 300 },
      );
    },
  );

  it.each(codecs)(
    'decode(%s, v) never throws on JSON values; a Left names a $-path and says what was expected',
    (_name, codec) => {
      fc.assert(
        fc.property(jsonArb, (v) => {
          const r = decode(codec, v);
          expect(isEither(r)).toBe(true);
          if (E.isLeft(r)) {
            expect(r.left.path.startsWith('$')).toBe(true);
            expect(r.left.message.startsWith(r.left.path)).toBe(true);
            expect(typeof r.left.expected).toBe('string');
          }
        }),
        { seed, numRuns: 200 },
      );
    },
  );

  it('decode(codec, v) never throws on any value (BigInt, Map, Date … included)', () => {
    fc.assert(
      fc.property(allArb, fc.constantFrom(...codecs.map(([name]) => name)), (v, name) => {
        const codec = codecs.find(([n]) => n === name)![1];
        expect(isEither(decode(codec, v))).toBe(true);
      }),
      params,
    );
  });
});

/** Wrong-typed values for each LoopEventLine field (the codec allows string, or null where nullable). */
const wrongTyped = fc.tuple(
  fc.constantFrom(...TYPED_EVENT_KEYS),
  fc.constantFrom<unknown>(true, false, {}, [], ['x'], { a: 1 }),
);

describe('the JSON path of a refusal', () => {
  it('a realistic event with one wrong-typed field is refused at $.<field>', () => {
    fc.assert(
      fc.property(eventLogArb({ minLength: 1, maxLength: 1 }), wrongTyped, ([ev], [key, bad]) => {
        const v = { ...ev, [key]: bad };
        const r = decode(LoopEventLine, v);
        expect(E.isLeft(r) && r.left.path).toBe(`$.${key}`);
        const viaGuard = decodeLoopEventLine(v);
        expect(E.isLeft(viaGuard) && viaGuard.left.startsWith(`$.${key}:`)).toBe(true);
      }),
      { seed, numRuns: 100 },
    );
  });

  it('a snapshot envelope with a non-number run.iteration is refused at $.run.iteration', () => {
    fc.assert(
      fc.property(
        snapshotInputsArb(fc.jsonValue({ maxDepth: 2 }), true),
        fc.constantFrom<unknown>('two', null, true, {}),
        (inputs, bad) => {
          const snap = buildSnapshot(inputs);
          const r = decode(LoopRunSnapshot, { ...snap, run: { ...snap.run, iteration: bad } });
          expect(E.isLeft(r) && r.left.path).toBe('$.run.iteration');
        },
      ),
      { seed, numRuns: 50 },
    );
  });
});

describe('the fast event guard', () => {
  it('agrees with LoopEventLine.is on JSON values and mutated events; decodeLoopEventLine returns the same object', () => {
    fc.assert(
      fc.property(jsonArb, (v) => {
        const is = LoopEventLine.is(v);
        expect(isLoopEventLine(v)).toBe(is);
        const r = decodeLoopEventLine(v);
        expect(E.isRight(r)).toBe(is);
        if (E.isRight(r)) expect(r.right).toBe(v);
        else expect(typeof r.left).toBe('string');
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('agrees with LoopEventLine.is on any value ("true exactly when LoopEventLine.is(v)")', () => {
    fc.assert(
      fc.property(allArb, (v) => {
        expect(isLoopEventLine(v)).toBe(LoopEventLine.is(v));
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('decodeLoopEventLine never throws on any value', () => {
    fc.assert(
      fc.property(allArb, (v) => {
        expect(isEither(decodeLoopEventLine(v))).toBe(true);
      }),
      params,
    );
  });
});

const refArb = fc.record({
  path: fc.string({ maxLength: 30 }),
  exists: fc.boolean(),
  sizeBytes: fc.nat(),
  lineCount: fc.nat(),
  sha256: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: null }),
  mtimeEpoch: fc.option(fc.nat(), { nil: null }),
});

/** Snapshot inputs; documents are realistic, absent, or drawn from `junk` (never when `realistic`). */
function snapshotInputsArb(junk: fc.Arbitrary<unknown>, realistic = false): fc.Arbitrary<SnapshotInputs> {
  return loopIdArb.chain((loopId) =>
    fc.record({
      repoPath: fc.constantFrom('/repo', '/tmp/x y', '.'),
      loopId: fc.constant(loopId),
      emittedAt: timestampArb,
      runId: fc.option(fc.string({ maxLength: 16 }), { nil: null }),
      traceId: fc.option(fc.string({ maxLength: 16 }), { nil: null }),
      docs: loopDocsArb(loopId, realistic ? fc.constant(null) : junk).map(snapshotDocs),
      lastEvent: fc.option(
        realistic
          ? eventLogArb({ minLength: 1, maxLength: 1 }).map(([e]): RawEvent => e!)
          : mutatedEventArb(junk),
        { nil: null },
      ),
      eventLineCount: fc.nat({ max: 100_000 }),
      refs: fc.record({
        events: refArb,
        runSummary: refArb,
        state: refArb,
        activeRun: refArb,
        approval: refArb,
        heartbeat: refArb,
      }),
    }),
  );
}

const envelopeCtxArb = fc.record({
  repoPath: fc.constantFrom('/repo', '/tmp/x y'),
  loopId: loopIdArb,
  emittedAt: timestampArb,
  traceId: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
  lineCount: fc.nat({ max: 1000 }),
});

const objectOf = (v: unknown): RawEvent =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as RawEvent) : { value: v };

describe('the envelope guards', () => {
  it('checkSnapshotEnvelope and checkEventEnvelope never throw and return Either; Right carries the value', () => {
    fc.assert(
      fc.property(noBigIntArb, fc.oneof(loopIdArb, fc.string()), (v, loopId) => {
        for (const check of [checkSnapshotEnvelope, checkEventEnvelope]) {
          const r = check(v, loopId);
          expect(isEither(r)).toBe(true);
          if (E.isRight(r)) expect(r.right).toBe(v);
        }
      }),
      params,
    );
  });
});

describe('eventEnvelope', () => {
  it('never throws; a Right satisfies the LoopRunEvent contract and its own guard', () => {
    fc.assert(
      fc.property(fc.oneof(jsonArb, noBigIntArb), fc.nat({ max: 1000 }), envelopeCtxArb, (v, line, ctx) => {
        const r = eventEnvelope(objectOf(v), line, ctx, '/repo/events.jsonl');
        expect(isEither(r)).toBe(true);
        if (E.isRight(r)) {
          expect(decode(LoopRunEvent, r.right)).toEqual(E.right(r.right));
          expect(E.isRight(checkEventEnvelope(r.right, ctx.loopId))).toBe(true);
          expect(r.right.sequence?.value).toBe(line);
        } else {
          expect(r.left).toMatch(new RegExp(`^missing event (name|timestamp) at line ${line} in `));
        }
      }),
      params,
    );
  });

  it('a realistic event always makes an envelope', () => {
    fc.assert(
      fc.property(eventLogArb({ minLength: 1, maxLength: 1 }), envelopeCtxArb, ([ev], ctx) => {
        expect(E.isRight(eventEnvelope(ev!, 1, ctx, 'events.jsonl'))).toBe(true);
      }),
      { seed, numRuns: 200 },
    );
  });
});

describe('buildSnapshot and factsOf', () => {
  it('never throw on documents of any JSON shape; status is lifecycleOf(factsOf(...)); pending approval is awaiting_approval', () => {
    fc.assert(
      fc.property(
        fc.oneof(snapshotInputsArb(fc.jsonValue({ maxDepth: 3 })), snapshotInputsArb(anythingButBigIntArb)),
        (i) => {
          const facts = factsOf(i.loopId, i.docs, i.lastEvent);
          const snap = buildSnapshot(i);
          expect(snap.run.status).toBe(lifecycleOf(facts, i.emittedAt).value);
          expect(snap.health.hasPendingApproval).toBe(snap.run.status === 'awaiting_approval');
          expect(E.isRight(checkSnapshotEnvelope(snap, i.loopId))).toBe(true);
          expect(Number.isFinite(snap.run.iteration)).toBe(true);
        },
      ),
      params,
    );
  });

  it('from realistic documents, the snapshot satisfies the LoopRunSnapshot contract', () => {
    fc.assert(
      fc.property(snapshotInputsArb(fc.constant(null), true), (i) => {
        const snap = buildSnapshot(i);
        expect(decode(LoopRunSnapshot, snap)).toEqual(E.right(snap));
      }),
      params,
    );
  });
});

const projectInputsArb = (values: fc.Arbitrary<unknown>): fc.Arbitrary<ProjectStateInputs> =>
  fc
    .record({
      repoPath: fc.constantFrom('/repo'),
      loopId: loopIdArb,
      generatedAt: timestampArb,
      snapshot: fc.oneof(values, snapshotInputsArb(fc.jsonValue({ maxDepth: 2 })).map(buildSnapshot)),
      snapshotFile: fc.constantFrom('snap.json'),
      eventsFile: fc.option(fc.constantFrom('events.ndjson'), { nil: null }),
      lastEventEnvelope: fc.oneof(
        values,
        fc.tuple(eventLogArb({ minLength: 1, maxLength: 1 }), envelopeCtxArb).map(([[ev], ctx]) => {
          const r = eventEnvelope(ev!, 1, ctx, 'e');
          return E.isRight(r) ? r.right : null;
        }),
      ),
      previous: fc.oneof(
        fc.constant(null),
        values,
        fc.record({ cursor: fc.record({ eventLineOffset: fc.oneof(fc.nat(), fc.string()) }) }),
      ),
    })
    // The documents of any shape, decoded through their views as the runners do.
    .map((raw) => ({ ...raw, ...projectionViews(raw), previous: readView(StateView, raw.previous) }));

describe('projectState', () => {
  it('never throws on inputs of any JSON shape, and its document satisfies the ManagerState contract', () => {
    fc.assert(
      fc.property(
        fc.oneof(projectInputsArb(fc.jsonValue({ maxDepth: 3 })), projectInputsArb(anythingButBigIntArb)),
        (i) => {
          const s = projectState(i);
          expect(decode(ManagerState, s)).toEqual(E.right(s));
          const d = divergenceOf(i);
          expect(s.divergence).toEqual(d);
          expect(d.any).toBe(
            d.flags.activeMismatch || d.flags.approvalCompletionConflict || d.flags.cursorRegression,
          );
          expect(s.transition.confidence === 'low').toBe(d.any);
        },
      ),
      params,
    );
  });
});
