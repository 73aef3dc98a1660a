// The flag table of `harness dispatch-marker`: the marker's identity fields, the two shas (a file or the
// hex digest), the dispatch method and when it fired.
import { asOfFlag, TIME_ARG } from '../cli/clock.js';
import type { Flag } from '../cli/command.js';
import { rootFlag, taskFlag } from './flags.js';

export const dispatchMarkerFlags: Record<string, Flag> = {
  root: rootFlag,
  task: taskFlag,
  team: { type: 'string', arg: 'name', help: 'Team the task was dispatched to (file-name segment).' },
  'schedule-id': { type: 'string', arg: 'id', help: 'The cron id dispatch.py or the direct cron issued.' },
  executor: { type: 'string', arg: 'name', help: 'Team and bot persona, e.g. "hermes/vulcan".' },
  'bot-key-env': {
    type: 'string',
    arg: 'NAME',
    help: 'Env var holding the bot owner key (only its hash is stored).',
  },
  'prompt-file': { type: 'string', arg: 'path', help: 'The cron prompt; its sha256 is prompt_sha.' },
  'prompt-sha': { type: 'string', arg: 'hex', help: 'prompt_sha given directly.' },
  'task-md': {
    type: 'string',
    arg: 'path',
    help: 'The task md at dispatch entry; its sha256 is task_md_sha_before.',
  },
  'task-md-sha': { type: 'string', arg: 'hex', help: 'task_md_sha_before given directly.' },
  method: {
    type: 'string',
    arg: 'm',
    help: 'dispatch_py (default), direct_cron_bot_key or fallback_safety_net.',
  },
  'fire-time': { type: 'string', arg: TIME_ARG, help: 'When the dispatch fired. Default: --as-of or now.' },
  zone: {
    type: 'string',
    arg: '±HH:MM',
    help: 'Zone of fire_time and YYMMDD. Default: config zone or +09:00.',
  },
  'as-of': asOfFlag,
};
