import { describe, expect, it } from 'vitest';
import { promotionView } from './promotion-view.js';

describe('the promotion view', () => {
  it('lists the gates in the seed order with their status and reason codes, and the decision', () => {
    const doc = {
      generatedAt: '2026-02-28T10:00:00Z',
      summary: { decision: 'hold', failedGates: ['governance'], reasonCodes: ['a', 'b'] },
      gates: {
        drillRecency: { status: 'pass', reasons: [] },
        governance: { status: 'fail', reasons: ['a'], reasonCodes: ['a', 'b'] },
        extra: { status: 'pass' },
      },
    };
    expect(promotionView(doc)).toEqual({
      decision: 'hold',
      failedGates: 'governance',
      generatedAt: '2026-02-28T10:00:00Z',
      reasonCodes: 'a, b',
      gates: [
        { gate: 'governance', status: 'fail', reasonCodes: 'a, b' },
        { gate: 'drillRecency', status: 'pass', reasonCodes: '' },
        { gate: 'extra', status: 'pass', reasonCodes: '' },
      ],
    });
  });

  it('passes a document without gates through', () => {
    expect(promotionView({ x: 1 })).toEqual({ x: 1 });
    expect(promotionView(null)).toBeNull();
  });
});
