// npm run restore -- FILE          (with the server stopped)
// npm run restore -- --check FILE  (only check the backup; safe at any time)
// Puts a backup back as the database (DATABASE_PATH): it refuses while any
// process has the database open, and refuses a file that is not a whole Cairn
// database this version can run. The database it replaces is kept beside it.
// Start the server afterwards; it applies newer migrations.
import { BackupError, checkBackup, restoreDatabase } from "./backups.js";

const args = process.argv.slice(2);
const checkOnly = args[0] === "--check";
const backup = checkOnly ? args[1] : args[0];
if (!backup || backup.startsWith("-")) {
  console.error("Usage: npm run restore -- FILE (stop the server first), or npm run restore -- --check FILE");
  process.exit(2);
}
const target = process.env.DATABASE_PATH || "./data/cairn.db";
try {
  if (checkOnly) {
    const { migrations, bytes } = checkBackup(backup);
    console.log(`${backup} is a whole Cairn database (${(bytes / 1024 / 1024).toFixed(1)} MB, ${migrations} migrations).`);
  } else if (process.env.LITEFS_DIR) {
    console.error(
      "Under LiteFS, check the file with `npm run restore -- --check FILE`, then load it on the primary with " +
        "`litefs import -name cairn.db FILE`: LiteFS replicates it (see docs/deploy.md).",
    );
    process.exit(1);
  } else {
    const { migrations, kept } = restoreDatabase(backup, target);
    console.log(`Restored ${target} from ${backup} (${migrations} migrations; integrity checked).`);
    if (kept) console.log(`The database it replaced is kept as ${kept}.`);
    console.log("Start the server now.");
  }
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
