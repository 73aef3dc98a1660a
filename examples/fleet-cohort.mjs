// opsfold/fleet: which loops a 25% canary rollout reaches; the same salt always picks the same loops.
import { cohortOf } from 'opsfold/fleet';

const rollout = { canaryPercent: 25, scopeLoopIds: [], salt: 'rollout-7' };
const loops = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
console.log(JSON.stringify(loops.filter((id) => cohortOf(id, rollout).inCohort)));
