// The loop's adapters for a sprite_service control run (lib/loop/control-service.ts): the service
// client with its retries, and the record files.
import * as E from 'fp-ts/lib/Either.js';
import type { ControlRequestFields } from '../../../lib/loop/control-context.js';
import type { ControlRun } from '../../../lib/loop/control-run.js';
import { runServiceControl as run } from '../../../lib/loop/control-service.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import type { Clock, Sleep } from '../../cli/run-clock.js';
import type { ServiceEndpoint } from '../../../lib/loop/service-call.js';
import { callService } from './http-client.js';
import { recordPorts } from './records.js';

export interface ServiceControlDeps {
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly endpoint: ServiceEndpoint;
}

/** Sends the intent to the service and records the answer; never throws for a transport failure. */
export const runServiceControl = (
  p: LoopPaths,
  r: ControlRequestFields,
  d: ServiceControlDeps,
): Promise<ControlRun> =>
  run(p.loopId, r, {
    ...recordPorts(p, d.clock),
    baseUrl: d.endpoint.baseUrl,
    post: async (body) => {
      const call = { method: 'POST' as const, path: '/ops/control', body, traceId: r.traceId };
      const got = await callService(d.endpoint, { ...call, idempotencyKey: r.idempotencyKey }, d.sleep);
      return E.isRight(got) ? E.right({ body: got.right.body }) : E.left(got.left);
    },
  });
