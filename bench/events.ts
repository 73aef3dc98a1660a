// Synthetic Superloop events for the benchmark. Why a generator and not a fixture: the bench needs a
// log of any size (20 k to 1 M+ lines) whose shape matches a real loop (runs → iterations → roles,
// tests, validation, gates, occasional errors, warnings and non-ASCII notes), and it must be the same
// bytes on every run, so a seeded PRNG drives it. Lines average about 200 bytes.

/** mulberry32: a tiny deterministic PRNG, so two runs with the same seed write the same bytes. */
const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const NOTES = [
  'refactored the reducer and added a property test for the split law',
  'tests green; coverage unchanged',
  'waiting on the approval gate — reviewer asked for a smaller diff',
  'retrying after a transient ENOSPC in the scratch dir',
  'checklist: 6/7 items done, evidence attached',
  'résumé of the plan: split the runner, keep the flags, document exit codes',
  'no changes needed',
  'lint fixed (max-depth), prettier applied',
];
const ROLES = ['planner', 'implementer', 'tester', 'reviewer'] as const;
const MODELS = ['claude-sonnet-4', 'gpt-5-codex', 'claude-opus-4'] as const;
const STATUSES = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'error', 'timeout'] as const;

type Ev = Record<string, unknown>;

/** An endless, deterministic stream of event lines for one loop; the caller supplies timestamps. */
export class EventSource {
  private readonly rand: () => number;
  private readonly queue: Ev[] = [];
  private run: number;
  private iteration = 0;

  constructor(
    private readonly loopId: string,
    seed: number,
    firstRun = 1,
  ) {
    this.rand = prng(seed);
    this.run = firstRun;
  }

  /** The next event as one JSON line (with its `\n`). */
  next(timestamp: string): string {
    if (this.queue.length === 0) this.refill();
    const ev = this.queue.shift() as Ev;
    return `${JSON.stringify({ timestamp, ...ev })}\n`;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)] as T;
  }

  private note(): string {
    const n = this.pick(NOTES);
    return n.slice(0, 12 + Math.floor(this.rand() * (n.length - 11)));
  }

  private base(event: string, extra: Ev = {}): Ev {
    const ids = { loop_id: this.loopId, run_id: `run-${this.run}`, iteration: this.iteration };
    return { event, ...ids, ...extra };
  }

  private role(role: string): Ev[] {
    const status = this.pick(STATUSES);
    const ms = 200 + Math.floor(this.rand() * 90_000);
    const data = { duration_ms: ms, tokens: Math.floor(this.rand() * 20_000), notes: this.note() };
    const start = { model: this.pick(MODELS), attempt: this.rand() < 0.9 ? 1 : 2 };
    return [this.base('role_start', { role, data: start }), this.base('role_end', { role, status, data })];
  }

  private refill(): void {
    if (this.iteration === 0) this.queue.push(this.base('loop_start', { data: { max_iterations: 40 } }));
    this.iteration += 1;
    this.queue.push(this.base('iteration_start', { data: { planned_roles: ROLES.length } }));
    for (const r of ROLES) this.queue.push(...this.role(r));
    const failed = this.rand() < 0.1 ? 1 + Math.floor(this.rand() * 5) : 0;
    const tests = {
      passed: 180 + Math.floor(this.rand() * 40),
      failed,
      duration_ms: 5000 + Math.floor(this.rand() * 9000),
    };
    this.queue.push(
      this.base('tests_start', { data: { command: 'npm test -- --reporter=dot' } }),
      this.base('tests_end', { status: failed > 0 ? 'failed' : 'ok', data: tests }),
    );
    this.queue.push(
      this.base('validation_start', { data: { suite: 'contracts+lint' } }),
      this.base('validation_end', { status: 'ok', data: { checks: 7 } }),
    );
    if (this.rand() < 0.05)
      this.queue.push(this.base('rate_limit_warn', { message: 'provider 429; backing off 30s' }));
    const gates = {
      tests: failed > 0 ? 'fail' : 'pass',
      validation: 'pass',
      checklist: 'pass',
      approval: 'pending',
    };
    this.queue.push(this.base('gate_check', { data: { gates } }));
    this.queue.push(
      this.base('iteration_end', { status: 'ok', data: { promise_matched: this.rand() < 0.2 } }),
    );
    if (this.iteration >= 40) {
      this.queue.push(this.base('loop_stop', { status: 'ok', message: 'max iterations reached' }));
      this.run += 1;
      this.iteration = 0;
    }
  }
}

/** Seconds-precision UTC timestamps from `startMs`, spreading `count` events evenly over `spanMs`. */
export const timestamps = (startMs: number, spanMs: number, count: number) => {
  let lastSec = -1;
  let text = '';
  return (i: number): string => {
    const sec = Math.floor((startMs + Math.floor((i * spanMs) / Math.max(1, count))) / 1000);
    if (sec !== lastSec) {
      lastSec = sec;
      text = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
    }
    return text;
  };
};
