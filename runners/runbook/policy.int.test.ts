// runbook policy against the config_v0_3.json files of the fixtures: each rule that denies names itself,
// deny checks run before the allowlist, a step is deny only when every command is, stop_on_deny decides
// stop or continue, and the exit code is 0 either way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { PolicyReport } from '../../lib/runbook/summary-codecs.js';

let work = '';
const io = () => ({ cwd: work, env: {}, now: () => 0 });
const run = (...argv: string[]) => runCaptured(commands, argv, io());
const stable = 'done-run/config_v0_3.json';
const verify = 'denied-phase/config_v0_3.json';
const withPolicy = (policy: Record<string, unknown>, extra: Record<string, unknown> = {}): string => {
  const config = JSON.parse(readFileSync(join(work, stable), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(work, 'custom.json'), JSON.stringify({ ...config, execution_policy: policy, ...extra }));
  return 'custom.json';
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-runbook-policy-'));
  cpSync(new URL('../../fixtures/runbook', import.meta.url), work, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('given the stable config (deny_if_contains Remove-Item, rmdir, del …; 20 deny_patterns)', () => {
  it('when the command writes a file with Set-Content, it prints allow and exits 0', async () => {
    const r = await run(
      'runbook',
      'policy',
      '--config',
      stable,
      '--command',
      'Set-Content -Path a.txt -Value 1',
    );
    expect([r.code, r.stdout]).toEqual([0, 'allow\n']);
  });

  it('when the command contains Remove-Item, deny_if_contains names the keyword', async () => {
    const r = await run('runbook', 'policy', '--config', stable, '--command', 'Remove-Item -Recurse C:\\tmp');
    expect([r.code, r.stdout]).toEqual([0, 'deny deny_if_contains:Remove-Item\n']);
  });

  it('when only a deny_patterns entry matches (any case), deny_patterns names the pattern', async () => {
    const r = await run('runbook', 'policy', '--config', stable, '--command', 'invoke-webrequest https://x');
    expect(r.stdout).toBe('deny deny_patterns:Invoke-WebRequest\n');
  });

  it('when the type is not in allow_types, allow_types names the type', async () => {
    const r = await run('runbook', 'policy', '--config', stable, '--command', 'print(1)', '--type', 'python');
    expect(r.stdout).toBe('deny allow_types:python\n');
  });

  it('when the type is not allowed and a deny rule matches too, the deny rule is reported (deny before allowlist)', async () => {
    const r = await run('runbook', 'policy', '--config', stable, '--command', 'shutdown /s', '--type', 'cmd');
    expect(r.stdout).toBe('deny deny_if_contains:shutdown\n');
  });
});

describe('given the rollback-verification config (deny_if_contains adds Set-Content)', () => {
  it('when the command uses Set-Content, it is denied', async () => {
    const r = await run('runbook', 'policy', '--config', verify, '--command', 'Set-Content -Path a -Value 1');
    expect(r.stdout).toBe('deny deny_if_contains:Set-Content\n');
  });

  it('when every command of a step is denied, the step is deny and stop_on_deny=true stops', async () => {
    const r = await run(
      'runbook',
      'policy',
      '--config',
      verify,
      '--command',
      'Set-Content a 1',
      '--command',
      'Remove-Item a',
    );
    expect(r.stdout).toBe(
      'deny deny_if_contains:Set-Content\ndeny deny_if_contains:Remove-Item\nphase=deny stop_on_deny=true stop\n',
    );
  });

  it('when one command of a step is allowed, the step is not deny', async () => {
    const r = await run(
      'runbook',
      'policy',
      '--config',
      verify,
      '--command',
      'Get-Date',
      '--command',
      'Remove-Item a',
    );
    expect(r.stdout).toBe('allow\ndeny deny_if_contains:Remove-Item\nphase=execute\n');
  });

  it('when asked for JSON, the report matches its contract and carries the origin reason text', async () => {
    const r = await run('runbook', 'policy', '--config', verify, '--command', 'Set-Content a 1', '--json');
    const report = JSON.parse(r.stdout) as PolicyReport;
    expect(E.isRight(PolicyReport.decode(report))).toBe(true);
    expect(report).toMatchObject({ phase: 'deny', all_denied: true, on_deny: 'stop', denied_count: 1 });
    expect(report.commands[0]?.reason).toBe("deny_if_contains 'Set-Content' に一致");
  });
});

describe('given a policy with default_action deny or stop_on_deny false', () => {
  it('when default_action is deny, even a harmless command is denied by default_action', async () => {
    const file = withPolicy({ default_action: 'deny' });
    const r = await run('runbook', 'policy', '--config', file, '--command', 'Get-Date');
    expect(r.stdout).toBe('deny execution_policy.default_action=deny\n');
  });

  it('when stop_on_deny is false, a denied step continues', async () => {
    const file = withPolicy({
      default_action: 'allow',
      stop_on_deny: false,
      deny_if_contains: ['Remove-Item'],
    });
    const r = await run(
      'runbook',
      'policy',
      '--config',
      file,
      '--command',
      'Remove-Item a',
      '--command',
      'Remove-Item b',
    );
    expect(r.stdout.split('\n').at(-2)).toBe('phase=deny stop_on_deny=false continue');
  });

  it('when a deny_patterns entry does not compile, commands are denied by it (fail closed)', async () => {
    const file = withPolicy({ default_action: 'allow' }, { deny_patterns: ['([unclosed'] });
    const r = await run('runbook', 'policy', '--config', file, '--command', 'Get-Date');
    expect(r.stdout).toBe('deny deny_patterns:([unclosed\n');
  });
});

describe('given bad invocations', () => {
  it('when the config does not exist, it exits 1', async () => {
    const r = await run('runbook', 'policy', '--config', 'missing.json', '--command', 'x');
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([1, 'error: input file not found: missing.json']);
  });

  it('when the config has the wrong shape, it exits 1 naming the field', async () => {
    const file = withPolicy({ deny_if_contains: 'Remove-Item' });
    const r = await run('runbook', 'policy', '--config', file, '--command', 'x');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('custom.json: $.execution_policy.deny_if_contains');
  });

  it('when --command is missing, it is a usage error (64)', async () => {
    expect((await run('runbook', 'policy', '--config', stable)).code).toBe(64);
  });
});

describe('given a config with a key or mode the runbook does not document', () => {
  it('when any command is asked, it is refused with exit 1 naming the key, before any answer', async () => {
    const file = withPolicy({ default_action: 'allow' }, { parallel_jobs: 2 });
    const r = await run('runbook', 'policy', '--config', file, '--command', 'Get-Date');
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain('error: custom.json: parallel_jobs: not a documented config_v0_3.json key');
  });
  it('when default_action is an unknown mode, it is refused with exit 1 naming execution_policy.default_action', async () => {
    const r = await run(
      'runbook',
      'policy',
      '--config',
      withPolicy({ default_action: 'ask' }),
      '--command',
      'Get-Date',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('execution_policy.default_action: mode "ask" is not one of allow, deny');
  });
});
