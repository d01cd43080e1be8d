// Migrates one base database per test run; each test file starts from a copy of it.
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase } from "~/modules/db/database.server";

export const TMP_DIR = path.resolve("tests/.tmp");
export const BASE_DB = path.join(TMP_DIR, "base.db");

export default function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const sqlite = openDatabase(BASE_DB);
  migrateDatabase(sqlite);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return () => fs.rmSync(TMP_DIR, { recursive: true, force: true });
}
