// opsfold/runbook: check a runbook step's command against the execution policy.
import { checkCommand } from 'opsfold/runbook';

const policy = {
  defaultAction: 'allow',
  denyIfContains: ['rm -rf'],
  denyPatterns: [],
  allowTypes: ['bash'],
  stopOnDeny: true,
};
console.log(JSON.stringify(checkCommand(policy, { type: 'bash', code: 'rm -rf /tmp/cache' })));
