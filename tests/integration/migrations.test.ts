// The migrations are hand-written SQL (drizzle-kit cannot express every
// statement Cairn needs: sqlite-vec and FTS5 tables, data moves), so this
// guards that they and db/schema.ts agree. drizzle-kit runs on a copy of db/,
// so a mismatch never writes into the repository.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "~/modules/db/database.server";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const drizzleKit = path.join(root, "node_modules/.bin/drizzle-kit");
let copy: string;

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-schema-"));
  fs.cpSync(path.join(root, "db"), path.join(copy, "db"), { recursive: true });
  fs.copyFileSync(path.join(root, "drizzle.config.ts"), path.join(copy, "drizzle.config.ts"));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"));
});
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

/** Tables drizzle knows (not sqlite-vec's or FTS5's), as sorted column, key and index descriptions. */
function describeTables(sqlite: Database.Database, names: string[]) {
  const all = <T>(sql: string) => sqlite.prepare(sql).all() as T[];
  return Object.fromEntries(
    names.map((table) => [
      table,
      {
        columns: all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(
          `pragma table_info('${table}')`,
        )
          .map((c) => `${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`)
          .sort(),
        foreignKeys: all<{ from: string; table: string; to: string; on_delete: string }>(`pragma foreign_key_list('${table}')`)
          .map((f) => `${f.from} → ${f.table}.${f.to} on delete ${f.on_delete}`)
          .sort(),
        indexes: all<{ name: string; unique: number; origin: string }>(`pragma index_list('${table}')`)
          .filter((i) => i.origin === "c")
          .map((i) => `${i.name} unique=${i.unique} (${all<{ name: string }>(`pragma index_info('${i.name}')`).map((c) => c.name)})`)
          .sort(),
      },
    ]),
  );
}

it("db/schema.ts matches the migrations' last snapshot: drizzle-kit has nothing to generate", async () => {
  const before = fs.readdirSync(path.join(copy, "db/migrations"));
  const { stdout } = await run(drizzleKit, ["generate", "--name=unexpected"], { cwd: copy });
  expect(fs.readdirSync(path.join(copy, "db/migrations"))).toEqual(before);
  expect(stdout).toContain("No schema changes");
});

it("the hand-written migrations build exactly the tables, columns, keys and indexes db/schema.ts describes", async () => {
  await run(drizzleKit, ["generate", "--dialect=sqlite", "--schema=./db/schema.ts", "--out=./fresh", "--name=whole"], { cwd: copy });
  const described = openDatabase(":memory:");
  for (const statement of fs.readFileSync(path.join(copy, "fresh/0000_whole.sql"), "utf8").split("--> statement-breakpoint"))
    described.exec(statement);
  const migrated = openDatabase(":memory:");
  migrateDatabase(migrated);

  const tables = (described.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map(
    (t) => t.name,
  );
  expect(tables.length).toBeGreaterThan(20);
  expect(describeTables(migrated, tables)).toEqual(describeTables(described, tables));
});
