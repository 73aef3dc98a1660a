import { describe, expect, it } from 'vitest';
import { admitControl, controlAnswer, controlArgv } from './control-request.js';

const open = { enabled: true, tokenOk: true };
const cancel = { intent: 'cancel', by: 'dashboard', note: '' };

describe('admitting a control request', () => {
  it('refuses with 403 when control is disabled, before looking at the token or the body', () => {
    expect(admitControl({ enabled: false, tokenOk: false }, 'not json')).toEqual({
      refused: { status: 403, body: { error: expect.stringContaining('control is disabled') } },
    });
  });

  it('refuses a missing or wrong token with 401', () => {
    expect(admitControl({ enabled: true, tokenOk: false }, '{"intent":"cancel"}')).toMatchObject({
      refused: { status: 401 },
    });
  });

  it('refuses a body that is not a known intent with 400, and admits one that is', () => {
    expect(admitControl(open, '{"intent":"delete"}')).toEqual({
      refused: { status: 400, body: { error: 'intent must be one of: cancel, approve, reject' } },
    });
    expect(admitControl(open, '{"intent":"approve","by":"ana","note":"ok"}')).toEqual({
      run: { intent: 'approve', by: 'ana', note: 'ok' },
    });
  });
});

describe('running a control request', () => {
  it('passes the note, the state dir and a fixed as-of on to `loop control` only when given', () => {
    const base = { repo: '/r', stateDir: null, timeoutSeconds: 30, asOfIso: null };
    expect(controlArgv(base, 'demo', cancel)).toEqual([
      ...['loop', 'control', '--repo', '/r', '--loop', 'demo'],
      ...['--intent', 'cancel', '--by', 'dashboard', '--timeout-seconds', '30'],
    ]);
    const all = { ...base, stateDir: '/s', asOfIso: '2026-02-22T12:00:00Z' };
    expect(controlArgv(all, 'demo', { ...cancel, note: 'why' }).slice(12)).toEqual([
      ...['--note', 'why', '--state-dir', '/s', '--as-of', '2026-02-22T12:00:00Z'],
    ]);
  });

  it('answers a lock conflict with 409, the last record printed and the error line', () => {
    const ran = { code: 75, stdout: 'noise\n{"status":"busy"}\n', stderr: 'x\nerror: locked\n' };
    expect(controlAnswer('demo', cancel, ran)).toEqual({
      status: 409,
      body: {
        loopId: 'demo',
        intent: 'cancel',
        exitCode: 75,
        status: 'busy',
        error: 'locked',
        entry: { status: 'busy' },
      },
    });
  });

  it('answers an unexpected exit with 500 and no entry when the output is not JSON', () => {
    expect(controlAnswer('demo', cancel, { code: 3, stdout: 'oops', stderr: '' })).toMatchObject({
      status: 500,
      body: { exitCode: 3, status: null, error: null, entry: null },
    });
  });
});
