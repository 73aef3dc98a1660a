// The package as a consumer sees it: a temp project whose node_modules/opsfold is this package (built
// dist, exports map and all), importing every subpath with `import` and with `require` in a child
// process and running one pure decision of each domain. Also: importing the library patches no
// process globals (a lock library's signal-exit used to patch process.emit on import).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** subpath → [an expression over the module `m`, its expected JSON]. */
const DECISIONS: Record<string, readonly [string, unknown]> = {
  '': ['m.stableJson({ b: 1, a: 2 }, false)', '{"a":2,"b":1}\n'],
  core: ["m.decide('ok', [], '2026-02-22T12:00:00Z').value", 'ok'],
  io: ["new m.LockConflict('x').message", 'lock held by another process: x.lock'],
  loop: [
    "m.lifecycleOf({ loopId: 'l', approvalStatus: null, summaryPresent: false, completionOk: false, statePresent: false, stateActive: false, stateInactive: true, stateLoopId: null, lastEventName: 'loop_stop', lastEventStatus: '' }, '2026-02-22T12:00:00Z').value",
    'stopped',
  ],
  alerts: ['m.validateConfig({})._tag', 'Left'],
  fleet: ["m.applySafety([], {}, 'guarded_auto', 0)", []],
  harness: ["m.routeOf({ incidents: [{ id: '#12' }] }, '12').id", '#12'],
  queue: ["m.decideMarkdown([], { kind: 'cancel', id: 'q1' })._tag", 'Left'],
  cycle: ["m.statusOf({ latest: {} }, 'r1')", 'OPEN'],
  runbook: ['m.settingsOf(null).logsDir', 'logs'],
  dashboard: ["m.routeOf('GET', '/').kind", 'index'],
  testing: ['typeof m.replayLaws', 'function'],
};

const specifier = (sub: string): string => (sub === '' ? 'opsfold' : `opsfold/${sub}`);

let project = '';

const node = (args: readonly string[]): string =>
  execFileSync(process.execPath, [...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'lib', 'index.js')))
    execFileSync('npm', ['run', 'build'], { cwd: ROOT });
  project = mkdtempSync(join(tmpdir(), 'opsfold-consumer-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(ROOT, join(project, 'node_modules', 'opsfold'), 'dir');
  writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
}, 180_000);

afterAll(() => {
  if (project !== '') rmSync(project, { recursive: true, force: true });
});

describe('opsfold as a dependency', () => {
  for (const [sub, [expr, expected]] of Object.entries(DECISIONS)) {
    it(`${specifier(sub)}: import and require both load it and run a decision`, () => {
      const esm = `const m = await import('${specifier(sub)}'); console.log(JSON.stringify(${expr}));`;
      const cjs = `const m = require('${specifier(sub)}'); console.log(JSON.stringify(${expr}));`;
      expect(JSON.parse(node(['--input-type=module', '-e', esm]))).toEqual(expected);
      expect(JSON.parse(node(['-e', cjs]))).toEqual(expected);
    });
  }

  it('serves the JSON Schemas under opsfold/contracts/', () => {
    const cjs = "console.log(require('opsfold/contracts/alert-dispatch-state.schema.json').type)";
    expect(node(['-e', cjs]).trim()).toBe('object');
  });

  it('patches no process globals when every subpath is imported', () => {
    const events = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'uncaughtException'];
    const script = [
      'const emit = process.emit; const exit = process.reallyExit;',
      `const count = () => ${JSON.stringify(events)}.map((e) => process.listenerCount(e));`,
      'const before = count();',
      ...Object.keys(DECISIONS).map((sub) => `await import('${specifier(sub)}');`),
      'console.log(JSON.stringify({ emit: process.emit === emit, exit: process.reallyExit === exit, same: JSON.stringify(count()) === JSON.stringify(before) }));',
    ].join('\n');
    expect(JSON.parse(node(['--input-type=module', '-e', script]))).toEqual({
      emit: true,
      exit: true,
      same: true,
    });
  });
});
