// The environment of a git run in the runbook's tests: no user or system config, no repository above
// the temp dir, a fixed author, so commits and their hashes depend only on the test's own files.
export const gitTestEnv = (work: string): Record<string, string | undefined> => ({
  PATH: process.env['PATH'],
  HOME: work,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CEILING_DIRECTORIES: work,
  GIT_AUTHOR_NAME: 'Runbook Test',
  GIT_AUTHOR_EMAIL: 'runbook-test@example.invalid',
  GIT_COMMITTER_NAME: 'Runbook Test',
  GIT_COMMITTER_EMAIL: 'runbook-test@example.invalid',
});
