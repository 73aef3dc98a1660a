// The queue lane over SQLite (WAL, a 10 s busy timeout; a killed writer's transaction rolls back):
// queue-workload.ts.
import { queueWorkload } from './queue-workload.js';

export const queueDbWorkload = queueWorkload('db');
