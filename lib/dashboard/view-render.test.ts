import { describe, expect, it } from 'vitest';
import type { DomainView } from './domain-views.js';
import { memoryStore } from './memory-edge.test-kit.js';
import { renderView, type ViewPorts } from './view-render.js';

const view: DomainView = {
  name: 'queue',
  title: 'Queue',
  command: ['queue', 'status'],
  present: () => true,
  steps: (repo, asOf) => [
    {
      kind: 'command',
      title: 'Status',
      argv: ['queue', 'status', '--repo', repo, ...(asOf === null ? [] : [asOf])],
    },
    { kind: 'command', title: 'Gone', argv: ['queue', 'gone'] },
    { kind: 'file', title: 'State', file: 'state.json', shape: (d) => ({ shaped: d }) },
    { kind: 'file', title: 'Absent', file: 'absent.json' },
  ],
};

const ports = (ran: Map<string, { code: number; stdout: string; stderr: string }>): ViewPorts => ({
  store: memoryStore(new Map([['state.json', { n: 1 }]])),
  exists: () => true,
  run: (argv) => Promise.resolve(ran.get(argv.slice(0, 2).join(' ')) ?? null),
  domains: null,
  asOfMs: 0,
});

describe('rendering a domain view', () => {
  it('given a command that printed JSON and a recorded document, shows both and leaves out a missing command', async () => {
    const p = ports(new Map([['queue status', { code: 0, stdout: '{"open":2}\n', stderr: '' }]]));

    const r = await renderView(p, view, null);

    expect(r.sections.map((s) => s.title)).toEqual(['Status', 'State', 'Absent']);
    expect(r.sections[0]).toEqual({
      title: 'Status',
      source: 'opsfold queue status --repo /r',
      exitCode: 0,
      json: { open: 2 },
      text: '{"open":2}\n',
      error: null,
    });
    expect(r.sections[1]).toMatchObject({ source: 'state.json', json: { shaped: { n: 1 } }, error: null });
    expect(r.sections[2]).toMatchObject({ json: null, error: 'absent.json: missing' });
  });

  it('when a command fails, shows its error output, or its exit code when it printed none', async () => {
    const failing = ports(new Map([['queue status', { code: 2, stdout: '', stderr: '' }]]));

    const r = await renderView(failing, view, '2026-02-22T12:00:00Z');

    expect(r.sections[0]).toMatchObject({ exitCode: 2, error: 'exit 2', json: null });
    expect(r.sections[0]?.source).toContain('2026-02-22T12:00:00Z');
  });
});
