// The queue behaviour suite again, with `queue --db` opening its database through the node:sqlite
// adapter: this Node may lack node:sqlite, so the opener's loaders are swapped for a stand-in with
// DatabaseSync's shape (lib/io/sqlite-shim.test-kit.ts). On a Node with node:sqlite the plain suite
// already uses the real one.
import { vi } from 'vitest';

vi.mock('../../lib/io/sqlite-drivers.js', async (original) => ({
  ...(await original<object>()),
  defaultLoaders: (await import('../../lib/io/sqlite-shim.test-kit.js')).onlyNodeSqlite,
}));

await import('./behaviour.int.test.js');
