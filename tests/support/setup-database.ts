// Runs before each test file: a fresh copy of the migrated base database
// (a file copy is much faster than migrating) and a test environment.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const tmp = path.resolve("tests/.tmp");
const file = path.join(tmp, `test-${randomUUID()}.db`);
fs.copyFileSync(path.join(tmp, "base.db"), file);

process.env.NODE_ENV = "test";
process.env.DATABASE_PATH = file;
process.env.APP_URL = "http://localhost:3000";
process.env.SESSION_SECRET = "test-secret-one-that-is-long-enough-000";
delete process.env.SMTP_URL;
delete process.env.LITEFS_DIR;
