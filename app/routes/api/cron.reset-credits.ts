import { requireCronSecret, resetMonthlyCredits } from "~/modules/billing/reset.server";
import { api, json } from "~/modules/http/api.server";
import { primaryHostname } from "~/modules/replication/primary.server";
import type { Route } from "./+types/cron.reset-credits";

// Called monthly (or more often: it is idempotent) by the scheduled Fly Machine.
export const loader = api(async ({ request }: Route.LoaderArgs) => {
  requireCronSecret(request);
  // A GET that writes: LiteFS's proxy serves GETs on replicas, so ask Fly to replay it on the primary.
  const primary = primaryHostname();
  if (primary) return new Response(null, { status: 409, headers: { "fly-replay": `instance=${primary}` } });
  return json({ message: "Credit reset completed", resetCount: resetMonthlyCredits() });
});
