import { describe, expect, it } from 'vitest';
import { envelopeOfLine, intentSlug, lineCountOf, linesOf } from './horizon-envelope.js';

const env = (over: Record<string, unknown> = {}, packet: Record<string, unknown> = {}) =>
  JSON.stringify({
    schemaVersion: 'v1',
    traceId: 'trace-a',
    packet: { packetId: 'pkt-1', recipient: { type: 'human', id: 'alice' }, intent: 'review', ...packet },
    evidenceRefs: ['ev://1'],
    ...over,
  });

describe('given an outbox line', () => {
  it('when it meets the contract with unknown extras, then it is valid and the extras are dropped', () => {
    expect(envelopeOfLine(env({ unknownExtra: { safe: true } }))).toEqual({
      kind: 'valid',
      envelope: {
        traceId: 'trace-a',
        packetId: 'pkt-1',
        recipientType: 'human',
        recipientId: 'alice',
        intent: 'review',
        evidenceRefs: ['ev://1'],
      },
    });
  });

  it('when it is empty, then it is blank (skipped, not invalid)', () => {
    expect(envelopeOfLine('')).toEqual({ kind: 'blank' });
  });

  it.each([
    ['not JSON', '{"schemaVersion":', 'contract_invalid_json'],
    ['only spaces', '   ', 'contract_invalid_json'],
    ['a JSON array', '[1,2]', 'contract_required_field_missing'],
    ['no intent', env({}, { intent: undefined }), 'contract_required_field_missing'],
    ['an empty trace id', env({ traceId: '' }), 'contract_required_field_missing'],
    ['a false packet id', env({}, { packetId: false }), 'contract_required_field_missing'],
    ['no evidenceRefs', env({ evidenceRefs: null }), 'contract_required_field_missing'],
    ['schema v2', env({ schemaVersion: 'v2' }), 'contract_schema_version_unsupported'],
    ['evidenceRefs as a string', env({ evidenceRefs: '' }), 'contract_evidence_refs_not_array'],
  ])('when it has %s, then it is invalid for that reason', (_what, line, reason) => {
    expect(envelopeOfLine(line)).toEqual({ kind: 'invalid', reason });
  });

  it('when an id is a number, then it is read as its JSON text (as jq -r prints it)', () => {
    const got = envelopeOfLine(env({}, { packetId: 42 }));
    expect(got.kind === 'valid' && got.envelope.packetId).toBe('42');
  });
});

describe('intentSlug', () => {
  it('lower-cases ASCII and turns runs of other characters into one dash', () => {
    expect(intentSlug('  Run Change!! now ')).toBe('run-change-now');
    expect(intentSlug('a.b_c-D')).toBe('a.b_c-d');
  });
  it('falls back to "intent" when nothing is left', () => {
    expect(intentSlug('!!!')).toBe('intent');
  });
});

describe('lines of a file', () => {
  it('count a final unterminated line and no empty piece after a final newline', () => {
    expect(lineCountOf('')).toBe(0);
    expect(lineCountOf('a\n')).toBe(1);
    expect(lineCountOf('a\n\nb')).toBe(3);
    expect(linesOf('a\n\nb\n')).toEqual(['a', '', 'b']);
  });
});
