// Given the controller's telemetry rows, freeze windows files, a CI result and flag values, when the
// guards and settings are read, then they count, match and refuse as the reference does.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  budgetOf,
  freezeOf,
  freezeWindowsOf,
  freshnessOf,
  mutationOf,
} from './promotion-controller-budget.js';
import { controllerSettingsOf } from './promotion-controller-settings.js';

const NOW = Date.parse('2026-03-01T12:00:00Z') / 1000;
const limits = { windowHours: 24, maxAppliesPerWindow: 2, maxExpandStepPerWindow: 50, cooldownMinutes: 60 };

describe('controller telemetry rows', () => {
  it('counts applies and rollbacks with a timestamp, and nothing else', () => {
    expect(
      mutationOf({ timestamp: '2026-03-01T10:00:00Z', execution: { action: 'apply', expandStep: 25 } }),
    ).toEqual({
      epoch: NOW - 7200,
      action: 'apply',
      expandStep: 25,
    });
    expect(
      mutationOf({ timestamp: '2026-03-01T10:00:00Z', execution: { action: 'rollback' } }),
    ).toMatchObject({
      expandStep: 0,
    });
    expect(mutationOf({ timestamp: '2026-03-01T10:00:00Z', execution: { action: 'hold' } })).toBeNull();
    expect(mutationOf({ timestamp: 'yesterday', execution: { action: 'apply' } })).toBeNull();
    expect(mutationOf([1])).toBeNull();
  });
});

describe('the apply budget', () => {
  it('is open with no history', () => {
    expect(budgetOf([], limits, { intent: 'expand', expandStep: 25 }, NOW)).toEqual({
      applyCount: 0,
      expandStepSum: 0,
      cooldownRemainingSeconds: 0,
      reasons: [],
    });
  });

  it('ignores mutations older than the window', () => {
    const old = [{ epoch: NOW - 25 * 3600, action: 'apply' as const, expandStep: 50 }];
    expect(budgetOf(old, limits, { intent: 'expand', expandStep: 25 }, NOW).reasons).toEqual([]);
  });

  it('reports the remaining cooldown after a rollback, and the expand step only for expand', () => {
    const recent = [
      { epoch: NOW - 3600 * 2, action: 'apply' as const, expandStep: 40 },
      { epoch: NOW - 600, action: 'rollback' as const, expandStep: 0 },
    ];
    expect(budgetOf(recent, limits, { intent: 'expand', expandStep: 25 }, NOW)).toEqual({
      applyCount: 1,
      expandStepSum: 40,
      cooldownRemainingSeconds: 3000,
      reasons: ['controller_budget_expand_step_exceeded', 'controller_budget_cooldown_active'],
    });
    expect(budgetOf(recent, limits, { intent: 'resume', expandStep: 25 }, NOW).reasons).toEqual([
      'controller_budget_cooldown_active',
    ]);
  });
});

describe('freeze windows', () => {
  it('reads start/startAt and end/endAt and matches the window holding now, ends inclusive', () => {
    const windows = freezeWindowsOf({
      windows: [
        { startAt: '2026-03-01T11:00:00Z', endAt: '2026-03-01T12:00:00Z' },
        { start: '2026-03-02T00:00:00Z', end: '2026-03-03T00:00:00Z', reason: 'later' },
      ],
    });
    expect(windows).not.toBeNull();
    expect(freezeOf(windows ?? [], NOW)).toEqual({
      active: true,
      matched: [
        {
          start: '2026-03-01T11:00:00Z',
          end: '2026-03-01T12:00:00Z',
          reason: 'controller_budget_freeze_window_active',
        },
      ],
      reasons: ['controller_budget_freeze_window_active'],
    });
  });

  it('refuses a file with a window that ends before it starts or has no timestamps', () => {
    expect(
      freezeWindowsOf({ windows: [{ start: '2026-03-02T00:00:00Z', end: '2026-03-01T00:00:00Z' }] }),
    ).toBeNull();
    expect(freezeWindowsOf({ windows: [{ start: 'soon' }] })).toBeNull();
    expect(freezeWindowsOf({})).toEqual([]);
  });
});

describe('decision freshness', () => {
  it('is stale past the TTL, invalid without a timestamp, and never negative', () => {
    expect(freshnessOf({ generatedAt: '2026-03-01T11:00:00Z' }, 30, NOW)).toEqual({
      ageSeconds: 3600,
      reasons: ['controller_decision_stale'],
    });
    expect(freshnessOf({}, 30, NOW)).toEqual({
      ageSeconds: null,
      reasons: ['controller_decision_timestamp_invalid'],
    });
    expect(freshnessOf({ generatedAt: '2026-03-01T13:00:00Z' }, 30, NOW)).toEqual({
      ageSeconds: 0,
      reasons: [],
    });
  });
});

describe('controller settings', () => {
  it('takes the reference defaults', () => {
    expect(controllerSettingsOf({})).toEqual(
      E.right({
        mode: 'propose_only',
        applyIntent: 'expand',
        expandStep: 25,
        decisionTtlMinutes: 60,
        budget: { windowHours: 24, maxAppliesPerWindow: 1, maxExpandStepPerWindow: 25, cooldownMinutes: 60 },
      }),
    );
  });

  it('refuses values out of range with the reference wording', () => {
    expect(controllerSettingsOf({ mode: 'auto' })).toEqual(
      E.left('--mode must be one of propose_only, guarded_auto_apply'),
    );
    expect(controllerSettingsOf({ 'expand-step': '101' })).toEqual(
      E.left('--expand-step must be an integer between 1 and 100'),
    );
    expect(controllerSettingsOf({ 'cooldown-minutes': '-1' })).toEqual(
      E.left('--cooldown-minutes must be an integer >= 0'),
    );
    expect(controllerSettingsOf({ 'decision-ttl-minutes': '0' })).toEqual(
      E.left('--decision-ttl-minutes must be an integer >= 1'),
    );
  });
});
