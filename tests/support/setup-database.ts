// Runs before each test file: a fresh copy of the migrated base database
// (a file copy is much faster than migrating) and a test environment.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const runDir = process.env.CAIRN_TEST_RUN_DIR;
if (!runDir) throw new Error("CAIRN_TEST_RUN_DIR is unset: run the tests through vitest (tests/support/global-setup.ts)");
const file = path.join(runDir, `test-${randomUUID()}.db`);
fs.copyFileSync(path.join(runDir, "base.db"), file);

process.env.NODE_ENV = "test";
process.env.DATABASE_PATH = file;
process.env.APP_URL = "http://localhost:3000";
process.env.SESSION_SECRET = "test-secret-one-that-is-long-enough-000";
delete process.env.SMTP_URL;
delete process.env.LITEFS_DIR;
// Tests of other behaviour make many calls quickly; the limits have their own tests, which set these lower.
process.env.RATE_LIMIT_PER_MINUTE ??= "100000";
process.env.RATE_LIMIT_MODEL_PER_MINUTE ??= "100000";

// Mail is queued as a job (app/modules/mail): a mail-only job worker delivers it
// here as the server's worker does, so tests read what really went over SMTP.
// It waits for the first queued mail, since test files set SMTP_URL after setup.
const { afterAll } = await import("vitest");
const { startJobWorker, stopJobWorker } = await import("~/modules/jobs/jobs.server");
const { MAIL_JOB, registerMailDelivery } = await import("~/modules/mail/mail.server");
registerMailDelivery();
startJobWorker({ kinds: [MAIL_JOB], waitForFirstJob: true });
afterAll(() => stopJobWorker());
