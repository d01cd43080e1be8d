// A database as it stood before one migration, and that migration applied to it:
// how a migration's data moves are tested against rows written in the old shape.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR } from "~/modules/db/database.server";

const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };

export function applyMigration(sqlite: Database.Database, tag: string) {
  for (const statement of fs.readFileSync(path.join(MIGRATIONS_DIR, `${tag}.sql`), "utf8").split("--> statement-breakpoint"))
    if (statement.trim()) sqlite.exec(statement);
}

/** An in-memory database with every migration before `tag` applied (and not `tag` itself). */
export function databaseBefore(tag: string): Database.Database {
  const tags = journal.entries.map((e) => e.tag);
  const at = tags.indexOf(tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  const sqlite = new Database(":memory:");
  for (const earlier of tags.slice(0, at)) applyMigration(sqlite, earlier);
  return sqlite;
}
