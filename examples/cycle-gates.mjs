// opsfold/cycle: may a ticket run for real? The gates answer from facts, with the blocking reason.
import { decideGates } from 'opsfold/cycle';

const verdict = decideGates({
  requestType: 'restart-service',
  mode: 'REAL',
  reportedMode: 'REAL',
  gateProblem: null,
  allowlist: null,
  allowlistProblem: 'state/execution_allowlist.json is missing',
  activeWindowIds: [],
  preflightFailures: [],
});
console.log(JSON.stringify(verdict));
