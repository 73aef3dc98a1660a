import { describe, expect, it } from 'vitest';
import { viewOf } from './lenient.js';
import { PromotionDoc, promotionView as rowsOf } from './promotion-view.js';

const promotionView = (doc: unknown) => rowsOf(viewOf(PromotionDoc, doc));

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

  it('has no rows for a document without gates (the page shows that document as it is)', () => {
    expect(promotionView({ x: 1 })).toBeNull();
    expect(promotionView(null)).toBeNull();
  });
});
