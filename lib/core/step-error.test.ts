// A lib step's failure carries the CLI's error line, details and whether it is a usage problem, under
// its domain's name.
import { describe, expect, it } from 'vitest';
import { FleetError } from '../fleet/fleet-error.js';
import { RunbookError } from '../runbook/runbook-error.js';
import { StepError } from './step-error.js';

describe('given a domain step that cannot go on', () => {
  it('is a StepError with its line and details, a failed step unless marked usage', () => {
    const e = new RunbookError('not a commit: -x', [], true);
    expect(e).toBeInstanceOf(StepError);
    expect([e.name, e.errorLine, e.usage]).toEqual(['RunbookError', 'not a commit: -x', true]);
    expect(new FleetError('fleet state file not found: s', ['d'])).toMatchObject({
      name: 'FleetError',
      details: ['d'],
      usage: false,
    });
  });
});
