// The one SQLite connection of this process: WAL, foreign keys, a busy timeout,
// sqlite-vec loaded, migrations applied before first use (on the primary only).
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as sqliteVec from "sqlite-vec";
import * as schema from "#db/schema";
import { env } from "~/modules/config/env.server";
import { isPrimary } from "~/modules/replication/primary.server";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "db/migrations");

/** Opens a connection with Cairn's pragmas and extensions; does not migrate. */
export function openDatabase(file: string): Database.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqliteVec.load(sqlite);
  keepPreparedStatements(sqlite);
  return sqlite;
}

// Drizzle prepares every query it runs anew, and preparing costs more than
// running most of Cairn's small queries: statements are kept by their SQL text
// (the values are bound at each run), the least recently used dropped first.
const KEPT_STATEMENTS = 500;

function keepPreparedStatements(sqlite: Database.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = kept.get(source);
    if (statement) {
      // Most recently used last, so the least recently used is the one dropped.
      kept.delete(source);
      kept.set(source, statement);
      // Its last user may have left it returning rows as arrays (drizzle does) or single values.
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
      return statement;
    }
    statement = prepare(source);
    if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
    kept.set(source, statement);
    return statement;
  }) as Database.Database["prepare"];
}

export function migrateDatabase(sqlite: Database.Database) {
  migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_DIR });
}

let instance: Db | undefined;

export function db(): Db {
  if (!instance) {
    const sqlite = openDatabase(env().DATABASE_PATH);
    // Replicas are read-only under LiteFS; the primary migrates and they follow.
    if (isPrimary(env().LITEFS_DIR)) migrateDatabase(sqlite);
    instance = drizzle(sqlite, { schema }) as Db;
  }
  return instance;
}

/**
 * A drizzle query built once per connection and run with new values each
 * time (sql.placeholder): for the statements every chat answer runs, building
 * the SQL costs more than running it. Columns a $defaultFn fills (ids) must
 * be given: the default would be taken once, when the query is built.
 */
export function preparedQuery<Query>(build: (database: Db) => Query): () => Query {
  let built: { database: Db; query: Query } | undefined;
  return () => {
    const database = db();
    if (built?.database !== database) built = { database, query: build(database) };
    return built.query;
  };
}

/** Runs fn in one synchronous transaction (never await inside it). */
export function transaction<T>(fn: (tx: Db) => T): T {
  const database = db();
  return database.$client.transaction(() => fn(database))();
}

export function closeDatabase() {
  instance?.$client.close();
  instance = undefined;
}

/** One real round trip to the database (for /healthz). */
export function checkDatabase() {
  db().$client.prepare("SELECT 1").get();
}
