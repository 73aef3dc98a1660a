// The sprite service on lib/io's JSON server: lib/loop/service-dispatch.ts authorizes and routes, the
// handlers here answer from the same functions the local commands use (/metrics: server-metrics.ts). Answers are compact JSON, as
// the reference service sends them.
import { startJsonServer, type RunningServer } from '../../../lib/io/http-server.js';
import type { AuthMode } from '../../../lib/loop/service-auth.js';
import { internalError, serviceHandler } from '../../../lib/loop/service-dispatch.js';
import { eventsAnswerOf, snapshotAnswer, type HandlerContext } from './server-handlers.js';
import { controlAnswer } from './server-control.js';
import { metricsHandler } from './server-metrics.js';

export interface ServiceOptions extends HandlerContext {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly auth: AuthMode;
  readonly maxBodyBytes: number;
}

export type RunningService = RunningServer;

/** Starts the service; resolves once it listens. */
export const startService = (o: ServiceOptions): Promise<RunningService> =>
  startJsonServer(
    { host: o.host, port: o.port, onError: internalError },
    serviceHandler(o, {
      metrics: metricsHandler(o),
      snapshot: (q, trace) => snapshotAnswer(o, q, trace),
      events: (q, trace) => eventsAnswerOf(o, q, trace),
      control: (body, h) => controlAnswer(o, body, h),
    }),
  );
