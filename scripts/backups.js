// Backing up and restoring Cairn's SQLite file (npm run backup / restore).
// Plain ESM so the production image, which has no tsx, runs it too.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sqliteVec from "sqlite-vec";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const JOURNAL = path.join(root, "db/migrations/meta/_journal.json");

/** A refusal to show the operator as one line (no stack). */
export class BackupError extends Error {}

const stamp = (date) =>
  date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

/**
 * Copies the live database at `source` to `target` (a file, or a directory to
 * put a dated file in) with SQLite's online backup: a consistent snapshot,
 * taken while the server keeps reading and writing. The copy is written beside
 * the target, checked, and only then renamed into place.
 */
export async function backupDatabase(source, target, { now = new Date() } = {}) {
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source} (DATABASE_PATH).`);
  const isDirectory = target.endsWith("/") || (fs.existsSync(target) && fs.statSync(target).isDirectory());
  const file = isDirectory ? path.join(target, `cairn-${stamp(now)}.db`) : target;
  if (path.resolve(file) === path.resolve(source)) throw new BackupError("The backup cannot overwrite the database itself.");
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const live = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    // Every page in one step, inside one read transaction: writes made meanwhile
    // (WAL mode lets them go on) can never make the copy restart or mix two states.
    await live.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }
  // One self-contained file (no -wal beside it), whatever mode the live database is in.
  const copy = new Database(partial);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  const summary = checkBackup(partial);
  fs.renameSync(partial, file);
  return { file, ...summary };
}

/**
 * Checks that `file` is a whole Cairn database this version can run: SQLite's
 * integrity check passes, and it has Cairn's tables and migrations, none newer
 * than this code's. Returns how many migrations it has and its size.
 */
export function checkBackup(file) {
  if (!fs.existsSync(file)) throw new BackupError(`There is no file at ${file}.`);
  let db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    sqliteVec.load(db);
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") {
      const problems = String(integrity)
        .replace(/\s*\n\s*/g, "; ")
        .slice(0, 300);
      throw new BackupError(`${file} is damaged: SQLite's integrity check says "${problems}".`);
    }
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    if (!tables.has("__drizzle_migrations") || !tables.has("users") || !tables.has("workspaces"))
      throw new BackupError(`${file} is an SQLite database, but not Cairn's (it lacks Cairn's tables and migrations).`);
    const { count, latest } = db.prepare("SELECT count(*) AS count, max(created_at) AS latest FROM __drizzle_migrations").get();
    const known = JSON.parse(fs.readFileSync(JOURNAL, "utf8")).entries;
    const newest = Math.max(...known.map((entry) => entry.when));
    if (count === 0) throw new BackupError(`${file} has Cairn's tables but no migration recorded: it is not a backup Cairn made.`);
    if (Number(latest) > newest)
      throw new BackupError(`${file} was made by a newer version of Cairn (it has migrations this version does not know): upgrade first.`);
    return { migrations: count, bytes: fs.statSync(file).size };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a database Cairn can read: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db?.close();
  }
}

/**
 * Puts a checked backup in place of the database at `target`. Refused while
 * any process (a running server) has that database open. The database it
 * replaces is kept beside it as `<target>.before-restore-<time>`.
 */
export function restoreDatabase(backup, target, { now = new Date() } = {}) {
  const summary = checkBackup(backup);
  if (path.resolve(backup) === path.resolve(target)) throw new BackupError("The backup is the database itself: nothing to restore.");
  let kept = null;
  if (fs.existsSync(target)) {
    takeOver(target);
    kept = `${target}.before-restore-${stamp(now)}`;
    fs.renameSync(target, kept);
  }
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const incoming = `${target}.restoring`;
  fs.copyFileSync(backup, incoming);
  const handle = fs.openSync(incoming, "r+");
  fs.fsyncSync(handle);
  fs.closeSync(handle);
  fs.renameSync(incoming, target);
  return { ...summary, kept };
}

/**
 * Makes sure no other connection has the database open, then folds its WAL
 * into the file so the copy kept aside is whole. In WAL mode every open
 * connection (an idle server's too) shares the database, so an exclusive lock
 * is only granted when there is none.
 */
function takeOver(target) {
  const db = new Database(target, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    db.pragma("wal_checkpoint(TRUNCATE)");
  } catch (error) {
    if (error?.code === "SQLITE_BUSY")
      throw new BackupError(`${target} is open in another process (a running Cairn server?). Stop the server, then restore.`);
    throw error;
  } finally {
    db.close();
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${target}${suffix}`, { force: true });
}
