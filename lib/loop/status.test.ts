import { describe, expect, it } from 'vitest';
import { pickStatusFiles, type StatusFiles } from './status.js';

describe('the files a status reports', () => {
  it('given the whole manager file table, when picked, then only the reported files remain', () => {
    const names = [
      'stateFile',
      'cursorFile',
      'healthFile',
      'intentsFile',
      'heartbeatStateFile',
      'heartbeatTelemetryFile',
      'sequenceStateFile',
      'sequenceTelemetryFile',
      'controlInvocationsFile',
      'driftStateFile',
      'driftHistoryFile',
      'alertDispatchStateFile',
      'alertDispatchTelemetryFile',
      'reconcileTelemetryFile',
      'controlTelemetryFile',
    ] as const;
    const table = {
      ...(Object.fromEntries(names.map((n) => [n, `/m/${n}`])) as unknown as StatusFiles),
      escalationsFile: '/m/esc',
    };
    const picked = pickStatusFiles(table);
    expect(Object.keys(picked)).toEqual(names);
    expect(picked.healthFile).toBe('/m/healthFile');
  });
});
