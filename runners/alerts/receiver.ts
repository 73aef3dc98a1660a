// The local receiver the alerts demo and the tests of several domains send to; it is domain-free and
// lives in lib/io/receiver.ts.
export { startReceiver } from '../../lib/io/receiver.js';
export type { Receiver } from '../../lib/io/receiver.js';
