// npm run cron:reset-credits — the monthly credit reset, run directly against
// DATABASE_PATH (the same work as GET /api/cron/reset-credits). Safe to repeat.
import { resetMonthlyCredits } from "~/modules/billing/reset.server";
import { closeDatabase } from "~/modules/db/database.server";

const resetCount = resetMonthlyCredits();
closeDatabase();
console.log(JSON.stringify({ message: "Credit reset completed", resetCount }));
