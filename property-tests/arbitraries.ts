// Generators for realistic Superloop artifacts, shared by the property tests.
//
// - `eventLogArb` draws an events.jsonl trail: strictly increasing second-precision timestamps (so an
//   event is identified by its timestamp), one loop_id and run_id, non-decreasing iterations, the real
//   event vocabulary, optional role/status/message and a `data` object, with unicode in free text.
// - `layoutArb` draws how those records are laid out as bytes: a UTF-8 BOM, CRLF per line, blank lines
//   (empty or JSON whitespace) before records and at the end. `serializeLog` turns events + layout into
//   the exact bytes and the expected position (1-based line, byte offset of the line start, end) and
//   parsed value of every record: the oracle the reader laws compare against.
// - `mutatedEventArb`, `loopDocsArb`, `junkArb` feed the "never throws" laws.
import fc from 'fast-check';
import type { Positioned } from '../lib/core/projection.js';
import type { RawEvent } from '../lib/loop/event-fields.js';

/** The event names a Superloop run writes (the vocabulary the lifecycle and divergence rules read). */
export const EVENT_NAMES = [
  'loop_start',
  'iteration_start',
  'role_start',
  'role_end',
  'iteration_end',
  'tests_start',
  'tests_end',
  'validation_start',
  'validation_end',
  'approval_wait',
  'loop_stop',
  'rate_limit_stop',
  'no_progress_stop',
] as const;
/** Names seen in real trails that no rule reads (they must fall through). */
export const OTHER_EVENT_NAMES = [
  'gates_evaluated',
  'approval_requested',
  'approval_decision',
  'loop_complete',
  'role_timeout',
] as const;
export const ROLES = ['planner', 'implementer', 'tester', 'reviewer', 'human'] as const;
export const STATUSES = [
  'ok',
  'error',
  'timeout',
  'blocked',
  'rate_limited',
  'rejected',
  'approved',
  'skipped',
] as const;

/** A raw events.jsonl record as Superloop writes it (keys in the runtime's order). */
export type SuperloopEvent = {
  readonly timestamp: string;
  readonly event: string;
  readonly loop_id: string;
  readonly run_id: string;
  readonly iteration: number | string;
  readonly role?: string | null;
  readonly status?: string | null;
  readonly message?: string | null;
  readonly data?: unknown;
};

const T_MIN = Date.UTC(2024, 0, 1) / 1000;
const T_MAX = Date.UTC(2027, 0, 1) / 1000;

/** `2026-02-22T12:00:00Z`: the second-precision UTC form Superloop writes. */
export const isoSecondsOf = (epochSeconds: number): string =>
  new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const timestampArb: fc.Arbitrary<string> = fc.integer({ min: T_MIN, max: T_MAX }).map(isoSecondsOf);

export const loopIdArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('demo', 'running', 'feature-auth', 'ops-manager', 'torn-tail'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
);

/** Free text: mostly readable unicode (multi-byte UTF-8, quotes, backslashes, escaped newlines), sometimes any code unit. */
export const freeTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'tests failed: 3/41',
      'line1\nline2',
      'quote " and \\ slash',
      'emoji 🚀 ünïcödé',
      '\u2028sep\u2029',
    ),
  },
);

const dataArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.dictionary(
      fc.constantFrom(
        'prompt_file',
        'log_file',
        'duration_ms',
        'exit_code',
        'reason',
        'started_at',
        'test_commands',
        'max_iterations',
      ),
      fc.oneof(
        fc.nat({ max: 10_000_000 }),
        fc.string({ maxLength: 40 }),
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        fc.boolean(),
      ),
      { maxKeys: 4 },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

interface EventBody {
  readonly event: string;
  readonly iterationStep: number;
  readonly iterationAsString: boolean;
  readonly role?: string | null;
  readonly status?: string | null;
  readonly message?: string | null;
  readonly data?: unknown;
}

const eventBodyArb: fc.Arbitrary<EventBody> = fc.record(
  {
    event: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...EVENT_NAMES) },
      { weight: 1, arbitrary: fc.constantFrom(...OTHER_EVENT_NAMES) },
    ),
    iterationStep: fc.oneof(
      { weight: 5, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
    ),
    // Superloop writes a number; a string iteration ("3") is rare but legal (toIteration reads it).
    iterationAsString: fc.integer({ min: 0, max: 9 }).map((roll) => roll === 0),
    role: fc.option(fc.constantFrom(...ROLES), { nil: null }),
    status: fc.option(fc.constantFrom(...STATUSES), { nil: null }),
    message: fc.option(freeTextArb, { nil: null }),
    data: dataArb,
  },
  { requiredKeys: ['event', 'iterationStep', 'iterationAsString'] },
);

export interface EventLogOptions {
  readonly minLength?: number;
  readonly maxLength?: number;
  /** fast-check's size bias; 'medium' (the default here) fills logs well past a handful of records. */
  readonly size?: fc.SizeForArbitrary;
}

/** A trail of realistic raw events: strictly increasing timestamps (each one unique), one loop and run. */
export const eventLogArb = (opts: EventLogOptions = {}): fc.Arbitrary<SuperloopEvent[]> =>
  fc
    .record({
      loopId: loopIdArb,
      start: fc.integer({ min: T_MIN, max: T_MAX - 10_000_000 }),
      steps: fc.array(fc.tuple(fc.integer({ min: 1, max: 900 }), eventBodyArb), {
        minLength: opts.minLength ?? 0,
        maxLength: opts.maxLength ?? 20,
        size: opts.size ?? 'medium',
      }),
    })
    .map(({ loopId, start, steps }) => {
      let t = start;
      let iteration = 1;
      const runId = isoSecondsOf(start).replace(/[-:]/g, '');
      return steps.map(([gap, b]): SuperloopEvent => {
        t += gap;
        iteration += b.iterationStep;
        const ev: Record<string, unknown> = {
          timestamp: isoSecondsOf(t),
          event: b.event,
          loop_id: loopId,
          run_id: runId,
          iteration: b.iterationAsString ? String(iteration) : iteration,
        };
        for (const k of ['role', 'status', 'message', 'data'] as const) if (k in b) ev[k] = b[k];
        return ev as unknown as SuperloopEvent;
      });
    });

/** How records are laid out as bytes. Arrays are indexed by line/record and default when shorter. */
export interface LogLayout {
  readonly bom: boolean;
  /** Per physical line (records and blanks, in order): end it with `\r\n` instead of `\n`. */
  readonly crlf: readonly boolean[];
  /** Per record: how many blank lines precede it. */
  readonly blankBefore: readonly number[];
  /** Per blank line: its content (empty or JSON whitespace). */
  readonly blankText: readonly string[];
  readonly trailingBlanks: number;
}

export const plainLayout: LogLayout = {
  bom: false,
  crlf: [],
  blankBefore: [],
  blankText: [],
  trailingBlanks: 0,
};

export const layoutArb: fc.Arbitrary<LogLayout> = fc.record({
  bom: fc.boolean(),
  crlf: fc.oneof(
    fc.constant([] as boolean[]),
    fc.array(fc.boolean(), { maxLength: 64 }),
    fc.constant(Array.from({ length: 200 }, () => true)),
  ),
  blankBefore: fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
    ),
    { maxLength: 64 },
  ),
  blankText: fc.array(fc.constantFrom('', ' ', '\t', '  \t ', '\r'), { maxLength: 16 }),
  trailingBlanks: fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
  ),
});

/** One newline-terminated physical line of a serialized log. */
export interface PhysicalLine {
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset of the line's first byte (the BOM counts on line 1). */
  readonly byteOffset: number;
  /** Byte offset just past the line's `\n`. */
  readonly end: number;
  /** Byte offsets of the content (after a BOM, before `\r\n`/`\n`). */
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly record: boolean;
}

export interface RecordLine extends PhysicalLine {
  /** Index of the record among records (0-based). */
  readonly index: number;
  /** The record's JSON text and the value JSON.parse gives back (the oracle: -0 becomes 0 and so on). */
  readonly json: string;
  readonly value: RawEvent;
}

export interface LogBytes {
  readonly bytes: Buffer;
  readonly lines: readonly PhysicalLine[];
  readonly records: readonly RecordLine[];
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Pure: the exact bytes of `events` laid out by `layout`, and where every line and record sits. */
export const serializeLog = (events: readonly unknown[], layout: LogLayout = plainLayout): LogBytes => {
  const parts: Buffer[] = [];
  const lines: PhysicalLine[] = [];
  const records: RecordLine[] = [];
  let offset = 0;
  let blankNo = 0;
  const push = (content: string, record: boolean): PhysicalLine => {
    const lineNo = lines.length + 1;
    const head = lineNo === 1 && layout.bom ? BOM : Buffer.alloc(0);
    const body = Buffer.from(content, 'utf8');
    const term = Buffer.from(layout.crlf[lineNo - 1] === true ? '\r\n' : '\n', 'utf8');
    const pl: PhysicalLine = {
      line: lineNo,
      byteOffset: offset,
      end: offset + head.length + body.length + term.length,
      contentStart: offset + head.length,
      contentEnd: offset + head.length + body.length,
      record,
    };
    parts.push(head, body, term);
    lines.push(pl);
    offset = pl.end;
    return pl;
  };
  const blank = () => push(layout.blankText[blankNo++ % Math.max(1, layout.blankText.length)] ?? '', false);
  events.forEach((ev, index) => {
    for (let i = 0; i < (layout.blankBefore[index] ?? 0); i++) blank();
    const json = JSON.stringify(ev);
    const pl = push(json, true);
    records.push({ ...pl, index, json, value: JSON.parse(json) as RawEvent });
  });
  for (let i = 0; i < layout.trailingBlanks; i++) blank();
  return { bytes: Buffer.concat(parts), lines, records };
};

/** A realistic log and its serialization. */
export const logBytesArb = (opts: EventLogOptions = {}): fc.Arbitrary<LogBytes> =>
  fc.tuple(eventLogArb(opts), layoutArb).map(([events, layout]) => serializeLog(events, layout));

/** Pure: the records of a serialized log as the positioned events a reader hands to a projection. */
export const positionedOf = (log: LogBytes): Positioned<RawEvent>[] =>
  log.records.map((r) => ({ value: r.value, position: { line: r.line, byteOffset: r.byteOffset } }));

/** Pure: byte offsets at which a reader may stop: 0 and the end of every physical line. */
export const lineBoundaries = (log: LogBytes): number[] => [0, ...log.lines.map((l) => l.end)];

/** Values of every kind, including the ones JSON cannot carry (the `unknown` domain of a decoder). */
export const anythingArb: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** Everything `anythingArb` draws except BigInt, which no JSON document can hold. */
export const anythingButBigIntArb: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** Field values that appear in real records, plus wrong-typed ones and values drawn from `junk`. */
const fieldValueArb = (junk: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(
      null,
      '',
      'ok',
      'error',
      'pending',
      'loop_stop',
      '3',
      3,
      0,
      -1,
      1.5,
      true,
      false,
      [],
      {},
    ),
    fc.string({ maxLength: 10 }),
    junk,
  );

export const EVENT_KEYS = [
  'timestamp',
  'event',
  'type',
  'loop_id',
  'run_id',
  'iteration',
  'role',
  'status',
  'message',
  'data',
] as const;

/** The fields LoopEventLine types (all but the free-form `data`). */
export const TYPED_EVENT_KEYS = EVENT_KEYS.filter((k) => k !== 'data');

const jsonJunk: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 });

/** A realistic event with a few fields set to other (often wrong-typed) values, or removed. */
export const mutatedEventArb = (
  junk: fc.Arbitrary<unknown> = jsonJunk,
): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      eventLogArb({ minLength: 1, maxLength: 1 }),
      fc.array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...EVENT_KEYS), fc.string({ maxLength: 6 })),
          fc.option(fieldValueArb(junk), { nil: undefined }),
          fc.boolean(),
        ),
        { maxLength: 4 },
      ),
    )
    .map(([[ev], edits]) => {
      const out: Record<string, unknown> = { ...(ev as object) };
      for (const [key, value, remove] of edits) {
        if (remove) delete out[key];
        else out[key] = value;
      }
      return out;
    });

/** Decoder inputs: values from `values`, realistic events, and realistic events mutated with values from `values`. */
export const junkArb = (values: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    values,
    mutatedEventArb(values),
    eventLogArb({ minLength: 1, maxLength: 1 }).map(([e]) => e),
  );

const gatesArb = fc.record({
  tests: fc.constantFrom('ok', 'failed', 'skipped'),
  validation: fc.constantFrom('ok', 'failed', 'skipped'),
  prerequisites: fc.constantFrom('ok', 'failed'),
  checklist: fc.constantFrom('ok', 'failed'),
  evidence: fc.constantFrom('ok', 'failed'),
  approval: fc.constantFrom('ok', 'skipped', 'pending'),
});

const summaryEntryArb = fc.record(
  {
    run_id: fc.string({ maxLength: 16 }),
    iteration: fc.oneof(fc.nat({ max: 20 }), fc.constant('2'), fc.constant(null)),
    started_at: timestampArb,
    ended_at: timestampArb,
    gates: gatesArb,
    stuck: fc.record({ streak: fc.nat({ max: 5 }), threshold: fc.nat({ max: 5 }) }),
    completion_ok: fc.oneof(fc.boolean(), fc.constant(null), fc.constant('true')),
  },
  { requiredKeys: [] },
);

/** A document that is sometimes realistic, sometimes absent (null), sometimes any JSON value. */
const docOr = (realistic: fc.Arbitrary<unknown>, junk: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: realistic },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: junk },
  );

/** The JSON documents a snapshot reads beside the events log (state, summary, approval, active run, heartbeat). */
export const loopDocsArb = (loopId: string, junk: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 })) =>
  fc.record({
    runSummary: docOr(
      fc.record(
        {
          version: fc.constant(1),
          loop_id: fc.constant(loopId),
          updated_at: timestampArb,
          entries: fc.array(summaryEntryArb, { maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
      junk,
    ),
    state: docOr(
      fc.record(
        {
          active: fc.oneof(fc.boolean(), fc.constant(null), fc.constant('true'), fc.constant(1)),
          current_loop_id: fc.oneof(fc.constant(loopId), fc.constant(''), fc.constant(null), loopIdArb),
          iteration: fc.oneof(fc.nat({ max: 20 }), fc.constant('3'), fc.constant(null)),
          updated_at: timestampArb,
        },
        { requiredKeys: [] },
      ),
      junk,
    ),
    activeRun: docOr(fc.record({ loop_id: fc.constant(loopId), pid: fc.nat() }), junk),
    approval: docOr(
      fc.record(
        {
          status: fc.oneof(
            fc.constantFrom('pending', 'approved', 'rejected', ''),
            fc.constant(null),
            fc.nat(),
          ),
        },
        { requiredKeys: [] },
      ),
      junk,
    ),
    heartbeat: docOr(fc.record({ at: timestampArb }), junk),
  });
