// Law: reconcile run once over a log == reconcile run after every appended chunk, for the durable
// truth it leaves: lifecycle, cursor and divergence in state.json, health.json, and the set of
// escalations active at the end. (Telemetry and drift differ on purpose: they record every pass.)
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fold } from '../lib/core/projection.js';
import { EscalationLineView, activeEscalations, escalationsProjection } from '../lib/loop/escalations.js';
import { readView } from '../lib/loop/lenient.js';
import { runCaptured } from '../runners/cli/capture.js';
import { commands } from '../runners/commands.js';
import { eventLogArb } from './arbitraries.js';

const seed = Number(process.env['FC_SEED'] ?? 424242);
const AS_OF = '2026-03-01T00:00:00Z';

const setup = (root: string) => {
  mkdirSync(join(root, '.superloop', 'loops', 'demo'), { recursive: true });
  writeFileSync(
    join(root, '.superloop', 'state.json'),
    JSON.stringify({ active: true, current_loop_id: 'demo', iteration: 1 }),
  );
  return join(root, '.superloop', 'loops', 'demo', 'events.jsonl');
};

const reconcile = async (root: string) => {
  const r = await runCaptured(
    commands,
    ['loop', 'reconcile', '--repo', root, '--loop', 'demo', '--as-of', AS_OF, '--alerts-enabled', 'false'],
    { cwd: root, env: {}, now: () => Date.parse(AS_OF) },
  );
  if (r.code !== 0) throw new Error(`reconcile exit ${r.code}: ${r.stderr}`);
};

const truthOf = (root: string) => {
  const dir = join(root, '.superloop', 'ops-manager', 'demo');
  const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
  const log = join(dir, 'escalations.jsonl');
  const escalations = (existsSync(log) ? readFileSync(log, 'utf8') : '')
    .split('\n')
    .filter((l) => l !== '')
    .map((l, i) => ({
      value: readView(EscalationLineView, JSON.parse(l)),
      position: { line: i + 1, byteOffset: 0 },
    }));
  // Drift is judged over the telemetry of every pass, so its status depends on how many passes ran.
  const health = JSON.parse(readFileSync(join(dir, 'health.json'), 'utf8'));
  delete health.metrics.profileDriftStatus;
  return {
    lifecycle: state.transition.currentState,
    cursor: state.cursor,
    divergence: state.divergence,
    projection: state.projection,
    health,
    active: activeEscalations(fold(escalationsProjection, escalations)).map(
      (c) => `${c.category}/${c.condition}`,
    ),
  };
};

describe('reconcile: once over the whole log == after every appended chunk', () => {
  it('holds for random logs and random chunkings', async () => {
    const arb = fc.record({
      events: eventLogArb({ minLength: 1, maxLength: 12 }),
      cuts: fc.array(fc.nat(), { minLength: 0, maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ events, cuts }) => {
        const text = events.map((e) => `${JSON.stringify({ ...e, loop_id: 'demo' })}\n`);
        const points = [...new Set(cuts.map((c) => 1 + (c % text.length)))].sort((a, b) => a - b);
        const once = mkdtempSync(join(tmpdir(), 'opsfold-rc-once-'));
        const chunked = mkdtempSync(join(tmpdir(), 'opsfold-rc-chunk-'));
        try {
          writeFileSync(setup(once), text.join(''));
          await reconcile(once);
          const log = setup(chunked);
          writeFileSync(log, '');
          let from = 0;
          for (const to of [...points, text.length]) {
            if (to <= from) continue;
            appendFileSync(log, text.slice(from, to).join(''));
            await reconcile(chunked);
            from = to;
          }
          expect(truthOf(chunked)).toEqual(truthOf(once));
        } finally {
          rmSync(once, { recursive: true, force: true });
          rmSync(chunked, { recursive: true, force: true });
        }
      }),
      { seed, numRuns: 10, endOnFailure: true },
    );
  }, 120_000);
});
