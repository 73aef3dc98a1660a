// Given the safety documents as found (missing, unreadable, odd), when read, then the snapshot values and
// the warnings are the documented ones.
import { describe, expect, it } from 'vitest';
import { isObject } from '../core/json-object.js';
import { preflightPathsOf, readAllowlist, readEmergencyStop, readExecutionGate, type Doc } from './safety.js';

// As the edge decodes it: a JSON object, or a document that is JSON but not an object.
const json = (value: unknown): Doc => (isObject(value) ? { kind: 'json', value } : { kind: 'notObject' });
const missing: Doc = { kind: 'missing' };
const unreadable: Doc = { kind: 'unreadable', detail: 'invalid JSON (Unexpected token)' };
const codes = (r: { warnings: readonly { code: string }[] }) => r.warnings.map((w) => w.code);

describe('the emergency stop', () => {
  it('is enabled when enabled is true, without a warning', () => {
    const r = readEmergencyStop(json({ enabled: true }), 'e');
    expect([r.value, codes(r)]).toEqual([true, []]);
  });
  it('is not enabled when the file is missing, and EMERGENCY_STOP_MISSING says so', () => {
    const r = readEmergencyStop(missing, 'e');
    expect([r.value, codes(r)]).toEqual([false, ['EMERGENCY_STOP_MISSING']]);
  });
  it('is not enabled when the file is not JSON (as in the origin), and EMERGENCY_STOP_UNREADABLE says so', () => {
    const r = readEmergencyStop(unreadable, 'e');
    expect([r.value, codes(r)]).toEqual([false, ['EMERGENCY_STOP_UNREADABLE']]);
  });
  it('is not enabled when the JSON is not an object, and EMERGENCY_STOP_INVALID says so', () => {
    const r = readEmergencyStop(json([true]), 'e');
    expect([r.value, codes(r)]).toEqual([false, ['EMERGENCY_STOP_INVALID']]);
  });
  it('falls back to the legacy active key', () => {
    expect(readEmergencyStop(json({ active: true }), 'e').value).toBe(true);
  });
  it('reads a non-boolean enabled by Python truthiness (as the origin does), with EMERGENCY_STOP_INVALID', () => {
    const yes = readEmergencyStop(json({ enabled: 'false' }), 'e');
    const no = readEmergencyStop(json({ enabled: 0 }), 'e');
    const none = readEmergencyStop(json({ reason: 'x' }), 'e');
    expect([yes.value, no.value, none.value, codes(yes), codes(none)]).toEqual([
      true,
      false,
      false,
      ['EMERGENCY_STOP_INVALID'],
      ['EMERGENCY_STOP_INVALID'],
    ]);
  });
});

describe('the execution gate', () => {
  it('is MOCK_ONLY when the file is missing (fail-safe), with EXECUTION_GATE_MISSING', () => {
    const r = readExecutionGate(missing, 'g');
    expect([r.value, codes(r)]).toEqual([
      { reported: 'MOCK_ONLY', mode: 'MOCK_ONLY', problem: null },
      ['EXECUTION_GATE_MISSING'],
    ]);
  });
  it('reads REAL_ENABLED, the origin spelling, as REAL', () => {
    expect(readExecutionGate(json({ mode: 'REAL_ENABLED' }), 'g').value.mode).toBe('REAL');
  });
  it('is invalid (mode null) when not JSON, without a mode, or with an unknown mode, with EXECUTION_GATE_INVALID', () => {
    const cases = [
      unreadable,
      json({ schema: 'EXECUTION_GATE_V1' }),
      json({ mode: 'SHADOW' }),
      json('MOCK_ONLY'),
    ];
    const read = cases.map((d) => readExecutionGate(d, 'g'));
    expect(read.map((r) => [r.value.mode, r.value.reported, codes(r)])).toEqual([
      [null, 'MOCK_ONLY', ['EXECUTION_GATE_INVALID']],
      [null, 'MOCK_ONLY', ['EXECUTION_GATE_INVALID']],
      [null, 'SHADOW', ['EXECUTION_GATE_INVALID']],
      [null, 'MOCK_ONLY', ['EXECUTION_GATE_INVALID']],
    ]);
  });
});

describe('the allowlist', () => {
  const good = {
    version: '1.0',
    allowed_request_types: ['REQUEST_REPORTS'],
    rules: { REQUEST_REPORTS: { required_inputs: ['a'], preflight_paths: ['b', 'a'] } },
  };
  it('gives its version and rules', () => {
    const r = readAllowlist(json(good), 'a');
    expect([r.value.version, r.value.allowlist !== null, codes(r)]).toEqual(['1.0', true, []]);
    expect(preflightPathsOf(r.value.allowlist, 'REQUEST_REPORTS')).toEqual(['a', 'b']);
    expect(preflightPathsOf(r.value.allowlist, 'OTHER')).toEqual([]);
  });
  it('is version v1 when it names none (the origin default)', () => {
    expect(readAllowlist(json({ allowed_request_types: [] }), 'a').value.version).toBe('v1');
  });
  it('is version N/A and unusable when missing, with ALLOWLIST_MISSING', () => {
    const r = readAllowlist(missing, 'a');
    expect([r.value.version, r.value.allowlist, codes(r)]).toEqual(['N/A', null, ['ALLOWLIST_MISSING']]);
  });
  it('is version N/A and unusable when not JSON, with ALLOWLIST_INVALID', () => {
    const r = readAllowlist(unreadable, 'a');
    expect([r.value.version, r.value.allowlist, codes(r)]).toEqual(['N/A', null, ['ALLOWLIST_INVALID']]);
  });
  it('keeps its version but is unusable when its shape is wrong, with ALLOWLIST_INVALID', () => {
    const r = readAllowlist(json({ version: '2.0', allowed_request_types: 'REQUEST_REPORTS' }), 'a');
    expect([r.value.version, r.value.allowlist, codes(r)]).toEqual(['2.0', null, ['ALLOWLIST_INVALID']]);
  });
});
