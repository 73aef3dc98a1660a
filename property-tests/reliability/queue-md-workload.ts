// The queue lane over QUEUE.md (the lock directory beside it): queue-workload.ts.
import { queueWorkload } from './queue-workload.js';

export const queueMdWorkload = queueWorkload('md');
