// npm run cron:reset-credits — the monthly credit reset, run directly against
// DATABASE_PATH (the same work as GET /api/cron/reset-credits). Safe to repeat.
import { resetMonthlyCredits } from "~/modules/billing/reset.server";
import { closeDatabase } from "~/modules/db/database.server";
import { primaryHostname } from "~/modules/replication/primary.server";

const primary = primaryHostname();
if (primary) {
  console.error(`This node is a LiteFS replica: run the reset on the primary (${primary}).`);
  process.exit(1);
}
const resetCount = resetMonthlyCredits();
closeDatabase();
console.log(JSON.stringify({ message: "Credit reset completed", resetCount }));
