// Migrates one base database per test run; each test file starts from a copy
// of it. Each run has its own folder, so runs side by side in one checkout
// (or an e2e run's database in tests/.tmp) are left alone.
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase } from "~/modules/db/database.server";

export default function setup() {
  const runDir = path.resolve("tests/.tmp", `run-${process.pid}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const sqlite = openDatabase(path.join(runDir, "base.db"));
  migrateDatabase(sqlite);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  // Test files run in child processes started after this, which inherit it.
  process.env.CAIRN_TEST_RUN_DIR = runDir;
  return () => fs.rmSync(runDir, { recursive: true, force: true });
}
