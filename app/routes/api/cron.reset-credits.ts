import { requireCronSecret, resetMonthlyCredits } from "~/modules/billing/reset.server";
import { api, json } from "~/modules/http/api.server";
import type { Route } from "./+types/cron.reset-credits";

// Called monthly (or more often: it is idempotent) by the scheduled Fly Machine.
export const loader = api(async ({ request }: Route.LoaderArgs) => {
  requireCronSecret(request);
  return json({ message: "Credit reset completed", resetCount: resetMonthlyCredits() });
});
