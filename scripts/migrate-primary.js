// Applies db/migrations to DATABASE_PATH before the server starts. Plain ESM so
// it runs in the production image, which has no tsx. LiteFS runs it on primary
// candidates (litefs.yml, `if-candidate`); the server also migrates at start-up,
// this just makes a deploy fail here, early and loudly, if a migration is bad.
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sqliteVec from "sqlite-vec";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const file = process.env.DATABASE_PATH || "./data/cairn.db";
const litefsDir = process.env.LITEFS_DIR;

// A candidate can still be a replica (another node holds the lease): LiteFS
// writes `.primary` on replicas only, and replicas are read-only.
const primaryFile = litefsDir ? path.join(litefsDir, ".primary") : null;
if (primaryFile && fs.existsSync(primaryFile)) {
  console.log(`Migrations skipped: replica of ${fs.readFileSync(primaryFile, "utf8").trim()}`);
  process.exit(0);
}

fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
const db = new Database(file);
// Same pragmas as the app (app/modules/db/database.server.ts). LiteFS 0.5 supports WAL.
db.pragma("journal_mode = WAL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");
sqliteVec.load(db);
migrate(drizzle(db), { migrationsFolder: path.join(root, "db/migrations") });
db.close();
console.log(`Migrated ${file}`);
