import { describe, expect, it } from 'vitest';
import type { MarkerInput } from './dispatch-marker.js';
import { writeDispatchMarker } from './dispatch-write.js';
import { filesOf, memoryWorkspace } from './workspace.test-kit.js';

const input: MarkerInput = {
  taskId: 'task-2703',
  team: 'hermes',
  scheduleId: 'sched-1',
  executor: 'hermes/vulcan',
  botKeyHash: '0123456789abcdef',
  fireMs: Date.parse('2026-05-28T13:22:33+09:00'),
  zone: '+09:00',
  promptSha: 'a'.repeat(64),
  taskMdShaBefore: 'b'.repeat(64),
  method: 'dispatch_py',
};
const FILE = '/ws/memory/events/task-2703.dispatched-hermes-260528.json';

describe('writeDispatchMarker', () => {
  it('creates the marker named by task, team and fire date, then the same content is unchanged', async () => {
    const files = filesOf({});
    const ws = memoryWorkspace(files);
    expect(await writeDispatchMarker(ws, input)).toMatchObject({
      kind: 'created',
      name: 'task-2703.dispatched-hermes-260528.json',
    });
    expect(JSON.parse(files.get(FILE)!.text)).toMatchObject({ fire_time: '2026-05-28T13:22:33+09:00' });
    expect((await writeDispatchMarker(ws, input)).kind).toBe('unchanged');
  });

  it('refuses different content with the keys that differ, and leaves the file as it was', async () => {
    const files = filesOf({});
    const ws = memoryWorkspace(files);
    await writeDispatchMarker(ws, input);
    const before = files.get(FILE)!.text;
    expect(await writeDispatchMarker(ws, { ...input, executor: 'hermes/juno' })).toMatchObject({
      kind: 'refused',
      file: FILE,
      differing: ['executor'],
    });
    expect(files.get(FILE)!.text).toBe(before);
  });

  it('answers the input problems without writing anything', async () => {
    const files = filesOf({});
    const w = await writeDispatchMarker(memoryWorkspace(files), { ...input, team: 'a/b' });
    expect(w.kind).toBe('invalid');
    expect(files.size).toBe(0);
  });
});
