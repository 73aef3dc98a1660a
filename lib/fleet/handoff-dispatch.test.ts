// Executing a handoff plan over memory ports: which argv reaches loop control, when an intent is not
// dispatched at all, what of the control's output is kept, and the option checks before anything runs.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  blockedOf,
  controlArgv,
  controlOf,
  executePlan,
  type HandoffControlPorts,
} from './handoff-dispatch.js';
import { handoffOptionsOf, type HandoffOptions } from './handoff-options.js';
import { planHandoff } from './handoff-plan.js';
import { decodePlanPolicy } from './handoff-views.js';
import { normalizeRegistry } from './registry-normalize.js';

const registry = () => {
  const loops = [
    { loopId: 'loop-red' },
    {
      loopId: 'loop-blue',
      transport: 'sprite_service',
      service: { baseUrl: 'http://sprite', tokenEnv: 'TOK' },
    },
  ];
  const r = normalizeRegistry({ schemaVersion: 'v1', fleetId: 'f', loops }, '/r', {
    asOfMs: Date.parse('2026-03-01T00:00:00Z'),
  });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
const candidate = (loopId: string) => ({
  candidateId: `${loopId}:reconcile_failed`,
  loopId,
  category: 'reconcile_failed',
  severity: 'critical',
  confidence: 'high',
  suppressed: false,
});
const plan = () =>
  planHandoff({
    policy: decodePlanPolicy({
      fleetId: 'f',
      traceId: 'tp',
      mode: 'advisory',
      candidates: [candidate('loop-red'), candidate('loop-blue')],
    }),
    registry: registry(),
    traceId: 'th',
    idempotencyPrefix: 'fleet-handoff',
    generatedAt: '2026-03-01T00:00:00Z',
    lastOutcome: () => undefined,
    files: { registryFile: '/r', policyStateFile: '/p' },
  });
const options = (flags: Record<string, string | boolean | string[]> = {}): HandoffOptions => {
  const o = handoffOptionsOf({ execute: true, confirm: true, ...flags });
  if (E.isLeft(o)) throw new Error(o.left);
  return o.right;
};
const settings = { repo: '/repo', traceId: 'th', asOf: undefined, stateDir: undefined };
const ports = (env: Record<string, string>, stdout = '{"status":"confirmed","extra":1,"replayed":null}') => {
  const calls: (readonly string[])[] = [];
  const p: HandoffControlPorts = {
    control: async (argv) => {
      calls.push(argv);
      return { code: 0, stdout };
    },
    env,
    iso: () => '2026-03-01T00:00:05Z',
  };
  return { p, calls };
};

describe('given a planned handoff executed manually', () => {
  it('runs loop control once per intent with the trace, the key and the note, and records the outcome', async () => {
    const { p, calls } = ports({ TOK: 'secret', USER: 'ann' });
    const state = await executePlan(plan(), 'manual', {
      ports: p,
      settings,
      options: options({ note: 'n' }),
    });
    expect(calls).toHaveLength(2);
    const red = calls.find((a) => a.includes('loop-red')) ?? [];
    expect(red.slice(0, 4)).toEqual(['loop', 'control', '--repo', '/repo']);
    expect(red).toContain('n | fleet_handoff:loop-red:reconcile_failed:cancel');
    expect(red).not.toContain('--service-base-url');
    expect(calls.find((a) => a.includes('loop-blue'))).toEqual(
      expect.arrayContaining(['--service-base-url', 'http://sprite', '--service-token-env', 'TOK']),
    );
    expect(JSON.stringify(calls)).not.toContain('secret');
    expect(state.execution?.requestedBy).toBe('ann');
  });

  it('does not run an intent whose service token is not in the environment', async () => {
    const { p, calls } = ports({});
    const state = await executePlan(plan(), 'manual', { ports: p, settings, options: options() });
    expect(calls).toHaveLength(1);
    expect(state.execution?.requestedBy).toBe('unknown');
    expect(JSON.stringify(state)).toContain('missing_service_token_env');
  });
});

describe('given one intent', () => {
  const blue = () => plan().intents.find((i) => i.loopId === 'loop-blue')!;

  it('a sprite_service intent without a base URL is blocked before its token is looked at', () => {
    const i = blue();
    expect(blockedOf({ ...i, service: { ...i.service, baseUrl: '' } }, {})).toBe('missing_service_base_url');
    expect(blockedOf(i, { TOK: 'x' })).toBeNull();
  });

  it('--no-runtime-confirm and --as-of are passed on', () => {
    const argv = controlArgv(
      blue(),
      { ...settings, asOf: '2026-03-01T00:00:00Z' },
      options({ 'no-runtime-confirm': true }),
      'bo',
    );
    expect(argv).toEqual(
      expect.arrayContaining(['--no-confirm', '--as-of', '2026-03-01T00:00:00Z', '--by', 'bo']),
    );
  });
});

describe('given what loop control printed', () => {
  it('keeps the known non-null fields of a JSON object and nothing of other output', () => {
    expect(controlOf('{"status":"confirmed","extra":1,"replayed":null}')).toEqual({ status: 'confirmed' });
    expect(controlOf('[1]')).toBeNull();
    expect(controlOf('not json')).toBeNull();
  });
});

describe('given the handoff flags', () => {
  it('refuses --execute without --confirm, both modes at once, and empty filters', () => {
    expect(handoffOptionsOf({ execute: true })).toEqual(
      E.left('--execute requires --confirm to enforce explicit operator confirmation'),
    );
    expect(handoffOptionsOf({ execute: true, confirm: true, 'autonomous-execute': true })).toEqual(
      E.left('--execute and --autonomous-execute are mutually exclusive'),
    );
    expect(handoffOptionsOf({ loop: [''] })).toEqual(E.left('--loop requires a non-empty value'));
    expect(handoffOptionsOf({ 'timeout-seconds': '1.5' })).toEqual(
      E.left('timeout and interval must be non-negative integers'),
    );
  });

  it('defaults to planning only, with the reference prefix and timings', () => {
    expect(handoffOptionsOf({})).toEqual(
      E.right(
        expect.objectContaining({
          mode: null,
          prefix: 'fleet-handoff',
          timeoutSeconds: '30',
          intervalSeconds: '2',
        }),
      ),
    );
  });
});
