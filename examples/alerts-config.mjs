// opsfold/alerts: validate an alert sink catalog before any delivery; a problem names the field.
import { validateConfig } from 'opsfold/alerts';

const catalog = {
  schemaVersion: 'v1',
  defaultMinSeverity: 'warning',
  sinks: { hook: { enabled: true, type: 'fax' } },
  routing: { defaultSinks: ['hook'], categorySeverity: {} },
};
const checked = validateConfig(catalog);
console.log(JSON.stringify(checked._tag === 'Left' ? checked.left : 'valid'));
