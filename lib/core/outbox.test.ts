// The outbox over fake ports: one message at a time, retries by the port's word, a failure as a value,
// each outcome recorded before the next message goes out.
import { describe, expect, it } from 'vitest';
import type { Effect } from '../io/effects.js';
import { sendMessages, type Answer, type Message, type SendVia } from './outbox.js';

type Reply = Answer<string> | Error;

/** A port answering from a script per key, logging every call in order. */
const scripted = (replies: Record<string, Reply[]>, log: string[]): SendVia<string, string, string> => ({
  port: {
    prepare: (m) => (m.payload === 'unsendable' ? { result: 'no-secret' } : { request: m.key }),
    attempt: async (key) => {
      log.push(`send ${key}`);
      const next = replies[key]?.shift() ?? { result: 'ok', ok: true, retryable: false };
      if (next instanceof Error) throw next;
      return next;
    },
    thrown: (err) => `threw: ${(err as Error).message}`,
  },
  retry: {
    attempts: 3,
    backoffMs: (n) => n * 10,
    sleep: async (ms) => {
      log.push(`sleep ${ms}`);
    },
  },
});

const msg = (key: string, payload = 'p'): Message<string> => ({ key, payload });
const busy: Answer<string> = { result: '503', ok: false, retryable: true };
const refused: Answer<string> = { result: '400', ok: false, retryable: false };

describe('sending messages through the outbox', () => {
  it('given a sink busy twice, when sent, then it is retried with backoff and acknowledged on the third attempt', async () => {
    const log: string[] = [];
    const [o] = await sendMessages([msg('a')], scripted({ a: [busy, busy] }, log));
    expect(o).toMatchObject({ kind: 'sent', ok: true, attempts: 3, result: 'ok' });
    expect(log).toEqual(['send a', 'sleep 20', 'send a', 'sleep 30', 'send a']);
  });

  it('given a refusal that is not retryable, then it is one attempt and a failed outcome, not a throw', async () => {
    const [o] = await sendMessages([msg('a')], scripted({ a: [refused] }, []));
    expect(o).toMatchObject({ kind: 'sent', ok: false, attempts: 1, result: '400' });
  });

  it('given a port that throws, then the outcome is its `thrown` result and it is not retried', async () => {
    const log: string[] = [];
    const [o] = await sendMessages([msg('a')], scripted({ a: [new Error('reset')] }, log));
    expect(o).toMatchObject({ kind: 'sent', ok: false, attempts: 1, result: 'threw: reset' });
    expect(log).toEqual(['send a']);
  });

  it('given a message that cannot be prepared, then nothing is sent and its result comes back with 0 attempts', async () => {
    const log: string[] = [];
    const [o] = await sendMessages([msg('a', 'unsendable')], scripted({}, log));
    expect(o).toMatchObject({ kind: 'sent', ok: false, attempts: 0, result: 'no-secret' });
    expect(log).toEqual([]);
  });

  it('given two messages, then the first outcome is recorded before the second is sent', async () => {
    const log: string[] = [];
    const via = scripted({}, log);
    const record = (o: { message: Message<string> }): Effect[] => [
      { kind: 'append', path: 'ledger', records: [o.message.key] },
    ];
    const apply = async (effects: readonly Effect[]) => {
      log.push(`record ${effects.map((e) => (e.kind === 'append' ? e.records.join() : e.kind)).join()}`);
    };
    await sendMessages([msg('a'), msg('b')], via, { record, apply });
    expect(log).toEqual(['send a', 'record a', 'send b', 'record b']);
  });

  it('given a record that cannot be applied, then the failure is thrown and no later message is sent', async () => {
    const log: string[] = [];
    const recorder = {
      record: () => [{ kind: 'append', path: 'ledger', records: [1] }] as Effect[],
      apply: async () => Promise.reject(new Error('disk full')),
    };
    await expect(sendMessages([msg('a'), msg('b')], scripted({}, log), recorder)).rejects.toThrow(
      'disk full',
    );
    expect(log).toEqual(['send a']);
  });

  it('given the same key twice, then it is sent again only while not yet acknowledged', async () => {
    const log: string[] = [];
    const outcomes = await sendMessages([msg('a'), msg('a'), msg('a')], scripted({ a: [refused] }, log));
    expect(outcomes.map((o) => o.kind)).toEqual(['sent', 'sent', 'duplicate']);
    expect(log).toEqual(['send a', 'send a']);
  });
});
