// opsfold/queue: what `queue cancel` would do to a QUEUE.md row, as data (nothing is written).
import { decideMarkdown } from 'opsfold/queue';

const row = {
  id: 'Q-1',
  status: 'PENDING',
  priority: 'P1',
  task: 'rotate keys',
  success_criteria: 'new keys live',
  owner_session: '',
  started_at_kst: '',
  due_at_kst: '',
  notes: '',
};
const decided = decideMarkdown([row], { kind: 'cancel', id: 'Q-1' });
console.log(JSON.stringify(decided._tag === 'Right' ? decided.right : decided.left));
