// The text form of `harness status`.
import { describe, expect, it } from 'vitest';
import type { HarnessStatusRow } from './output-codecs.js';
import { statusTable } from './status-table.js';

const row: HarnessStatusRow = {
  task_id: 'task-2703',
  spawn_state: 'WORK_STARTED',
  spawn_signals: ['dispatch_marker', 'session'],
  observed_at: null,
  liveness: 'alive',
  alert_class: null,
  watchdog_cycle: null,
  closeout_stage: 'NOT_STARTED',
  collected_by: null,
  finish_profile: null,
};

describe('the status table', () => {
  it('given a row, then columns align under the header, absent values are -, signals come last unpadded', () => {
    expect(statusTable([row]).split('\n')).toEqual([
      'TASK       SPAWN         LIVENESS  ALERT  CLOSEOUT     COLLECTED  FINISH  EVIDENCE',
      'task-2703  WORK_STARTED  alive     -      NOT_STARTED  -          -       dispatch_marker,session',
      '',
    ]);
  });
});
