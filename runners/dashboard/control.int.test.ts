// Control from the dashboard: absent without a token, refused with a wrong one, carried out through
// `opsfold loop control` with the right one; the warning for a non-loopback address.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { controlRequestOf, tokenDigestOf, tokenMatches } from './control.js';
import { copyFixture, get, post, start, type Started } from './test-kit.js';

let running: Started | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const TOKEN = 'dashboard-test-token-1';
const withToken = { args: ['--control-token-env', 'OPS_DASH_TOKEN'], env: { OPS_DASH_TOKEN: TOKEN } };

describe('when started without --control-token-env', () => {
  it('says control is off and refuses a control request with 403', async () => {
    running = await start(copyFixture('loop-control/running'));
    expect((await get(running, '/api/config')).json['control']).toBe(false);
    const r = await post(
      running,
      '/api/loops/running/control',
      { intent: 'cancel' },
      { 'X-Opsfold-Token': TOKEN },
    );
    expect(r.status).toBe(403);
  });
});

describe('when the token variable is named but unset', () => {
  it('runs read-only and warns on stderr', async () => {
    running = await start(copyFixture('loop-control/running'), {
      args: ['--control-token-env', 'OPS_DASH_TOKEN'],
    });
    expect((await get(running, '/api/config')).json['control']).toBe(false);
    const ran = await running.stop();
    running = null;
    expect(ran.stderr).toContain('OPS_DASH_TOKEN is unset or empty: control actions are disabled');
  });
});

describe('when started with a control token', () => {
  it('refuses a request without the token or with a wrong one, and runs nothing', async () => {
    const repo = copyFixture('loop-control/running');
    running = await start(repo, withToken);
    expect((await get(running, '/api/config')).json['control']).toBe(true);
    expect((await post(running, '/api/loops/running/control', { intent: 'cancel' })).status).toBe(401);
    const wrong = await post(
      running,
      '/api/loops/running/control',
      { intent: 'cancel' },
      { 'X-Opsfold-Token': 'nope' },
    );
    expect(wrong.status).toBe(401);
    expect(existsSync(join(repo, '.superloop/ops-manager/running/intents.jsonl'))).toBe(false);
    expect(existsSync(join(repo, '.superloop/state.json'))).toBe(true);
  });

  it('cancels the running loop with the right token and records the intent', async () => {
    const repo = copyFixture('loop-control/running');
    running = await start(repo, {
      ...withToken,
      args: [...withToken.args, '--control-timeout-seconds', '0'],
    });
    const r = await post(
      running,
      '/api/loops/running/control',
      { intent: 'cancel' },
      { 'X-Opsfold-Token': TOKEN },
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ intent: 'cancel', status: 'confirmed', exitCode: 0 });
    const intents = readFileSync(join(repo, '.superloop/ops-manager/running/intents.jsonl'), 'utf8');
    expect(JSON.parse(intents.trim().split('\n').pop() as string)).toMatchObject({
      intent: 'cancel',
      status: 'confirmed',
    });
    expect(intents).not.toContain(TOKEN);
    const row = (
      (await get(running, '/api/loops')).json['rows'] as { loopId: string; lastControl: unknown }[]
    )[0];
    expect(row?.lastControl).toMatchObject({ intent: 'cancel', status: 'confirmed' });
  });

  it('reports a refusal with its reason code', async () => {
    const repo = copyFixture('loop-control/running');
    running = await start(repo, {
      ...withToken,
      args: [...withToken.args, '--control-timeout-seconds', '0'],
    });
    const r = await post(
      running,
      '/api/loops/running/control',
      { intent: 'approve' },
      { 'X-Opsfold-Token': TOKEN },
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'refused', exitCode: 1 });
    expect(String(r.json['error'])).toContain('approval_missing');
  });

  it('refuses an unknown intent and an unknown loop', async () => {
    running = await start(copyFixture('loop-control/running'), withToken);
    const h = { 'X-Opsfold-Token': TOKEN };
    expect((await post(running, '/api/loops/running/control', { intent: 'delete' }, h)).status).toBe(400);
    expect((await post(running, '/api/loops/ghost/control', { intent: 'cancel' }, h)).status).toBe(404);
  });
});

describe('when bound to another address than 127.0.0.1', () => {
  it('warns on stderr', async () => {
    running = await start(copyFixture('dashboard/empty'), { args: ['--host', '0.0.0.0'] });
    const ran = await running.stop();
    running = null;
    expect(ran.stderr).toContain('warning: listening on 0.0.0.0');
    expect(ran.stdout).toContain('(read-only)');
  });

  it('does not warn on 127.0.0.1', async () => {
    running = await start(copyFixture('dashboard/empty'));
    const ran = await running.stop();
    running = null;
    expect(ran.stderr).toBe('');
  });
});

describe('the token check and the request body', () => {
  it('matches only the exact token', () => {
    const d = tokenDigestOf('abc');
    expect(tokenMatches(d, 'abc')).toBe(true);
    for (const other of ['', 'ab', 'abcd', 'ABC', 'abc ']) expect(tokenMatches(d, other)).toBe(false);
  });

  it('accepts the three intents and plain text only', () => {
    expect(controlRequestOf('{"intent":"reject","note":"not yet"}')).toEqual({
      intent: 'reject',
      by: 'dashboard',
      note: 'not yet',
    });
    expect(typeof controlRequestOf('{"intent":"cancel","by":"<script>"}')).toBe('string');
    expect(typeof controlRequestOf('not json')).toBe('string');
    expect(typeof controlRequestOf('{"intent":"stop"}')).toBe('string');
  });
});
