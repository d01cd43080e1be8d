// npm run backup -- FILE | DIRECTORY/
// Writes a consistent copy of the live database (DATABASE_PATH) with SQLite's
// online backup, while the server keeps running. Given a directory, names the
// copy cairn-<UTC time>.db inside it. See docs/deploy.md for scheduling it.
import { BackupError, backupDatabase } from "./backups.js";

const [target] = process.argv.slice(2);
if (!target || target.startsWith("-")) {
  console.error("Usage: npm run backup -- FILE (or DIRECTORY/ for a dated file in it)");
  process.exit(2);
}
const source = process.env.DATABASE_PATH || "./data/cairn.db";
try {
  const { file, migrations, bytes } = await backupDatabase(source, target);
  console.log(`Backed up ${source} to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${migrations} migrations; integrity checked).`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
