import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const example = new URL('./fold-a-log.mjs', import.meta.url);

describe('the README library example', () => {
  it('is the file the README shows, verbatim', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(readFileSync(example, 'utf8').trim());
  });
  it('folds a real log through the built package and prints the projection', () => {
    const log = new URL('../fixtures/loop/stopped/.superloop/loops/stopped/events.jsonl', import.meta.url);
    const out = JSON.parse(
      execFileSync(process.execPath, [example.pathname, log.pathname], { encoding: 'utf8' }),
    );
    expect(out).toMatchObject({
      records: 35,
      lastEvent: 'loop_stop',
      lifecycle: { value: 'stopped', reasons: ['stop_event'] },
    });
  });
});
