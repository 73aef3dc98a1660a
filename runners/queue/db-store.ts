// `queue init-db`'s file: the database created (with its directory) or opened, switched to WAL, migrated
// to the reference schema (lib/queue/db-store.ts) and checked.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrateDb } from '../../lib/queue/db-store.js';
import { openSqlite } from '../../lib/io/sqlite.js';
import { BUSY_MS, checkSchema, sqlError, type Db } from './db-open.js';
import type { PathArg } from './paths.js';

/** db_store.init_db: the reference schema (idempotent) plus its column migrations; WAL from then on. */
export const initDb = (p: PathArg): { added: string[] } => {
  mkdirSync(dirname(p.file), { recursive: true });
  let db: Db | undefined;
  try {
    db = openSqlite(p.file, { mode: 'create', busyMs: BUSY_MS });
    const added = migrateDb(db);
    checkSchema(db, p);
    return { added };
  } catch (err) {
    throw sqlError(p, err);
  } finally {
    db?.close();
  }
};
