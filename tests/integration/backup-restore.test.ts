// npm run backup / npm run restore: an online copy of the live database, and
// the way back, which refuses a database a process still has open and any
// file that is not a whole Cairn database.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "~/modules/db/database.server";
import * as workspacesRoute from "~/routes/api/workspaces";
import { backupDatabase, restoreDatabase } from "../../scripts/backups.js";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";

const run = promisify(execFile);
let mailbox: Mailbox;
let dir: string;
let person: Person;
const live = () => process.env.DATABASE_PATH!;

beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-backups-"));
  person = await signedInPerson(mailbox, "Backed Up");
});
afterAll(async () => {
  await mailbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const createWorkspace = async (name: string) =>
  expect((await person.client.call(workspacesRoute, "/api/workspaces", { body: { name } })).status).toBe(201);

function workspaceNames(file: string): string[] {
  const sqlite = openDatabase(file);
  try {
    return sqlite.prepare("SELECT name FROM workspaces ORDER BY name").pluck().all() as string[];
  } finally {
    sqlite.close();
  }
}

/** Runs one of the npm scripts' files as `npm run` would, with this environment. */
async function script(name: "backup" | "restore", args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [`scripts/${name}.js`, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("backup and restore", () => {
  it("copies the live database while it is in use; restoring that copy brings back exactly its state", async () => {
    await createWorkspace("Kept in the backup");
    const { file, migrations } = await backupDatabase(live(), `${dir}/`);
    expect(path.basename(file)).toMatch(/^cairn-\d{8}T\d{6}Z\.db$/);
    expect(migrations).toBeGreaterThan(0);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    await createWorkspace("Made after the backup");

    // This process has the live database open, as a running server would: refused, nothing changed.
    expect(() => restoreDatabase(file, live())).toThrow(/is open in another process \(a running Cairn server\?\)\. Stop the server/);
    expect(workspaceNames(live())).toContain("Made after the backup");

    // A database no process holds (the server stopped): replaced, and the old one kept beside it.
    const stopped = path.join(dir, "stopped", "cairn.db");
    await backupDatabase(live(), stopped);
    const { kept } = restoreDatabase(file, stopped);
    expect(kept).toMatch(/cairn\.db\.before-restore-\d{8}T\d{6}Z$/);
    expect(workspaceNames(kept!)).toContain("Made after the backup");
    const restored = workspaceNames(stopped);
    expect(restored).toContain("Kept in the backup");
    expect(restored).not.toContain("Made after the backup");
    // The server can take it from there: it migrates and reads it.
    const sqlite = openDatabase(stopped);
    migrateDatabase(sqlite);
    expect(sqlite.prepare("SELECT email FROM users WHERE email = ?").pluck().get(person.email)).toBe(person.email);
    sqlite.close();
  });

  it("npm run backup and npm run restore do it from the command line, and say in one line why they refuse", async () => {
    const copy = path.join(dir, "cli", "copy.db");
    const backedUp = await script("backup", [copy], { DATABASE_PATH: live() });
    expect(backedUp).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Backed up .* to .*copy\.db \(.* migrations; integrity checked\)\.\n$/),
    });

    const busy = await script("restore", [copy], { DATABASE_PATH: live() });
    expect(busy).toMatchObject({ code: 1, stderr: expect.stringMatching(/is open in another process/) });

    const fresh = path.join(dir, "fresh", "cairn.db");
    const restored = await script("restore", [copy], { DATABASE_PATH: fresh });
    expect(restored).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Restored .*fresh\/cairn\.db from .*copy\.db/) });
    expect(workspaceNames(fresh)).toContain("Kept in the backup");

    expect(await script("restore", [], { DATABASE_PATH: fresh })).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Usage/) });
    expect(await script("backup", [], { DATABASE_PATH: live() })).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Usage/) });
    const litefs = await script("restore", [copy], { DATABASE_PATH: fresh, LITEFS_DIR: "/litefs" });
    expect(litefs).toMatchObject({ code: 1, stderr: expect.stringMatching(/litefs import -name cairn\.db/) });
    // Checking alone is safe at any time, even against the live database's own copy.
    const checked = await script("restore", ["--check", copy], { DATABASE_PATH: live() });
    expect(checked).toMatchObject({ code: 0, stdout: expect.stringMatching(/copy\.db is a whole Cairn database \(.* migrations\)/) });
  });

  it("refuses, before touching the database, a file that is not a whole Cairn database this version can run", async () => {
    const target = path.join(dir, "target", "cairn.db");
    await backupDatabase(live(), target);
    const before = fs.readFileSync(target);
    const good = await backupDatabase(live(), path.join(dir, "good.db"));

    const text = path.join(dir, "notes.txt");
    fs.writeFileSync(text, "not a database at all, just some words that fill more than a header would ".repeat(20));
    const foreign = path.join(dir, "foreign.db");
    new Database(foreign).exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello')");
    const damaged = path.join(dir, "damaged.db");
    fs.copyFileSync(good.file, damaged);
    const bytes = fs.readFileSync(damaged);
    // Scribble over the middle of the file (table pages), keeping the header valid.
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8192);
    fs.writeFileSync(damaged, bytes);
    const newer = path.join(dir, "newer.db");
    fs.copyFileSync(good.file, newer);
    new Database(newer)
      .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', ?)")
      .run(Date.now() + 10 * 365 * 86400_000);

    const refusals: Record<string, RegExp> = {
      [text]: /is not a database Cairn can read/,
      [foreign]: /not Cairn's/,
      [damaged]: /is damaged|is not a database Cairn can read/,
      [newer]: /made by a newer version of Cairn/,
      [path.join(dir, "missing.db")]: /There is no file/,
    };
    for (const [file, reason] of Object.entries(refusals)) {
      const result = await script("restore", [file], { DATABASE_PATH: target });
      expect(result, file).toMatchObject({ code: 1, stderr: expect.stringMatching(reason) });
    }
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(target))).toEqual(["cairn.db"]);
  });
});
