// fleet reconcile --source nats://…: each registry loop's pass reads opsfold.<fleetId>.<loop>.events,
// and the fleet answer and every file it writes equal the file-based fleet reconcile of the same
// events. With the server down it fails closed before the fleet lock: exit 1, nothing written.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../lib/io/testdata/temp.js';
import { freePort, natsMissing } from '../../lib/io/nats/testdata/server.js';
import { useNatsServer } from '../../lib/io/nats/testdata/use-server.js';
import { AS_OF, fleetRepos, runIn, shipFleet } from './fleet.test-kit.js';
import { masked, outputsOf } from './outputs.test-kit.js';

const tempDir = useTempDirs();
const fleetArgs = ['fleet', 'reconcile', '--as-of', AS_OF, '--deterministic-order', '--trace-id', 't'];

describe('fleet reconcile --source with the server down', () => {
  it('fails closed naming the URL, exit 1, nothing written', async () => {
    const { manager } = fleetRepos(tempDir);
    const url = `nats://127.0.0.1:${await freePort()}`;
    const r = await runIn(manager, [...fleetArgs, '--repo', manager, '--source', url]);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toContain(`error: NATS server unavailable at ${url}`);
    expect(fs.existsSync(join(manager, '.superloop', 'ops-manager', 'fleet', 'state.json'))).toBe(false);
    expect(fs.existsSync(join(manager, '.superloop', 'ops-manager', 'loop-alpha'))).toBe(false);
    expect(fs.existsSync(join(manager, '.opsfold'))).toBe(false);
  });
});

describe.skipIf(natsMissing !== null)(`fleet reconcile --source${natsMissing ?? ''}`, () => {
  const nats = useNatsServer();

  it('answers and writes as the file-based fleet reconcile does', async () => {
    const { file, runtime, manager } = fleetRepos(tempDir);
    await shipFleet(runtime, nats.url);
    const a = await runIn(file, [...fleetArgs, '--repo', file]);
    const b = await runIn(manager, [...fleetArgs, '--repo', manager, '--source', nats.url]);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ status: 'success', successCount: 3 });
    expect(masked(b.stdout, manager)).toBe(masked(a.stdout, file));
    expect(outputsOf(manager)).toEqual(outputsOf(file));
  });
});
