// npm run restore -- FILE
// Puts a backup back as the database (DATABASE_PATH), with the server stopped:
// it refuses while any process has the database open, and refuses a file that
// is not a whole Cairn database this version can run. The database it replaces
// is kept beside it. Start the server afterwards; it applies newer migrations.
import { BackupError, restoreDatabase } from "./backups.js";

const [backup] = process.argv.slice(2);
if (!backup || backup.startsWith("-")) {
  console.error("Usage: npm run restore -- FILE   (stop the server first)");
  process.exit(2);
}
if (process.env.LITEFS_DIR) {
  console.error(
    "Under LiteFS, restore on the primary with `litefs import -name cairn.db FILE`: LiteFS then replicates it (see docs/deploy.md).",
  );
  process.exit(1);
}
const target = process.env.DATABASE_PATH || "./data/cairn.db";
try {
  const { migrations, kept } = restoreDatabase(backup, target);
  console.log(`Restored ${target} from ${backup} (${migrations} migrations; integrity checked).`);
  if (kept) console.log(`The database it replaced is kept as ${kept}.`);
  console.log("Start the server now.");
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
