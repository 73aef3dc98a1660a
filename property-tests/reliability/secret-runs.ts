// Command lines the secrets test runs with tokens in the environment; everything each writes (files,
// stdout, stderr, argv of processes it starts) is scanned for the tokens. A domain adds its commands
// here — especially those that take `--…-env NAME` flags or start processes — one entry each.
import { cpSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretRun {
  readonly name: string;
  /** Prepares the tree under `work` and returns the argv (`opsfold` excluded). */
  setup(work: string): readonly string[];
  /** The exit codes the run may end with: a run that cannot start proves nothing. */
  readonly exits: readonly number[];
}

/** Environment variables the runs see; every value embeds `token`. */
export const secretEnv = (token: string): Record<string, string> => ({
  OPSFOLD_TOKEN: token,
  OPSFOLD_SERVICE_TOKEN: token,
  GITHUB_TOKEN: token,
  ALERT_WEBHOOK_TOKEN: token,
  SLACK_WEBHOOK_URL: `https://hooks.example.invalid/services/${token}`,
  OPENAI_API_KEY: token,
});

const AS_OF = ['--as-of', '2026-02-22T12:00:00Z'];
const fixture = (work: string, name: string): string => {
  const repo = join(work, name);
  cpSync(new URL(`../../fixtures/loop/${name}`, import.meta.url), repo, { recursive: true });
  return repo;
};
const loop = (repo: string, id: string) => ['--repo', repo, '--loop', id, ...AS_OF];

export const secretRuns: readonly SecretRun[] = [
  {
    name: 'loop snapshot',
    setup: (w) => ['loop', 'snapshot', ...loop(fixture(w, 'running'), 'running')],
    exits: [0],
  },
  {
    name: 'loop poll-events',
    setup: (w) => ['loop', 'poll-events', ...loop(fixture(w, 'running'), 'running')],
    exits: [0],
  },
  {
    name: 'loop project-state',
    setup: (w) => ['loop', 'project-state', ...loop(fixture(w, 'complete'), 'complete')],
    exits: [0],
  },
  {
    name: 'loop snapshot --skip-corrupt (quarantine written)',
    setup: (w) => ['loop', 'snapshot', ...loop(fixture(w, 'corrupt-line'), 'corrupt-line'), '--skip-corrupt'],
    exits: [0],
  },
  {
    name: 'loop poll-events on a corrupt log (error path)',
    setup: (w) => ['loop', 'poll-events', ...loop(fixture(w, 'corrupt-line'), 'corrupt-line')],
    exits: [1],
  },
  {
    name: 'loop snapshot of a missing repo (error path)',
    setup: (w) => ['loop', 'snapshot', ...loop(join(w, 'missing'), 'running')],
    exits: [1],
  },
  {
    name: 'replay',
    setup: (w) => {
      const repo = fixture(w, 'running');
      return [
        'replay',
        '--projection',
        'loop-events',
        join(repo, '.superloop', 'loops', 'running', 'events.jsonl'),
      ];
    },
    exits: [0],
  },
];
