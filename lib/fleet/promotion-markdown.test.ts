// Given any path, when it is put in the CI summary, then a CommonMark renderer shows it literally. The
// oracle below is the CommonMark code-span rule written out independently: a backtick string opens, the
// next backtick string of the same length closes, and one space is stripped from both ends when both
// ends are spaces and the content is not all spaces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ciSkippedMarkdown, ciSummaryMarkdown, codeSpan } from './promotion-markdown.js';

const seed = Number(process.env.FC_SEED ?? 424242);

const renderCodeSpan = (src: string): string | null => {
  const open = /^`+/.exec(src)?.[0];
  if (open === undefined) return null;
  const rest = src.slice(open.length);
  const close = new RegExp(`(?<!\`)${open}(?!\`)`).exec(rest);
  if (close === null || close.index + open.length !== rest.length) return null;
  const content = rest.slice(0, close.index).replace(/\r\n|\r|\n/g, ' ');
  const strip = content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '';
  return strip ? content.slice(1, -1) : content;
};

describe('codeSpan', () => {
  it.each([
    ['/repo/.superloop/ops-manager/fleet/promotion-state.json'],
    ['/tmp/my_repo/*draft*/result.json'],
    ['/tmp/has`tick/and``two'],
    ['`leading and trailing`'],
    [' spaced both ends '],
  ])('renders %s literally', (path) => {
    expect(renderCodeSpan(codeSpan(path))).toBe(path);
  });
  it('shows control characters as escapes so a path cannot end the line', () => {
    expect(codeSpan('/tmp/a\nb\tc')).toBe('`/tmp/a\\nb\\tc`');
  });
  it('renders any path without control characters literally', () => {
    const pathArb = fc.oneof(
      fc.string({ unit: fc.constantFrom('`', ' ', 'a', '_', '*', '/', '\\', '<', '|'), minLength: 1 }),
      fc
        .string({ minLength: 1 })
        .filter((s) => [...s].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)),
    );
    fc.assert(
      fc.property(pathArb, (s) => {
        expect(renderCodeSpan(codeSpan(s))).toBe(s);
      }),
      { seed, numRuns: 500 },
    );
  });
});

describe('the CI summary', () => {
  it('lists the decision, failed gates, reason codes and the files, line for line', () => {
    expect(
      ciSummaryMarkdown({
        decision: 'hold',
        failedGates: ['manual_backlog', 'drill_recency'],
        reasonCodes: ['promotion_drill_state_missing', 'promotion_manual_backlog_exceeded'],
        resultFile: 'out/result_1.json',
        promotionStateFile: '/r/promotion-state.json',
        promotionTelemetryFile: '/r/promotion.jsonl',
      }),
    ).toBe(
      [
        '## Ops Manager Promotion CI',
        '',
        'Decision: `hold`',
        '',
        'Failed gates: manual_backlog, drill_recency',
        '',
        'Reason codes: promotion_drill_state_missing, promotion_manual_backlog_exceeded',
        '',
        'Result JSON: `out/result_1.json`',
        '',
        'Promotion state: `/r/promotion-state.json`',
        '',
        'Promotion telemetry: `/r/promotion.jsonl`',
        '',
      ].join('\n'),
    );
  });
  it('says none when nothing failed', () => {
    const md = ciSummaryMarkdown({
      decision: 'promote',
      failedGates: [],
      reasonCodes: [],
      resultFile: 'r',
      promotionStateFile: 's',
      promotionTelemetryFile: 't',
    });
    expect(md).toContain('Failed gates: none\n\nReason codes: none\n');
  });
  it('lists every missing evidence path when skipped', () => {
    expect(
      ciSkippedMarkdown(['/r/handoff.jsonl', '/r/drills/promotion.v1.json'], 'promotion_ci_missing_evidence'),
    ).toBe(
      [
        '## Ops Manager Promotion CI',
        '',
        'Decision: `skipped`',
        '',
        'Reason codes: `promotion_ci_missing_evidence`',
        '',
        'Missing evidence paths:',
        '- `/r/handoff.jsonl`',
        '- `/r/drills/promotion.v1.json`',
        '',
      ].join('\n'),
    );
  });
});
