import { requireCronSecret, resetMonthlyCredits } from "~/modules/billing/reset.server";
import { apiRoute, json } from "~/modules/http/api.server";
import { primaryHostname } from "~/modules/replication/primary.server";

// Called monthly (or more often: it is idempotent) by the scheduled Fly Machine.
export const loader = apiRoute({
  GET: ({ request }) => {
    requireCronSecret(request);
    // A GET that writes: LiteFS's proxy serves GETs on replicas, so ask Fly to replay it on the primary.
    const primary = primaryHostname();
    if (primary) return new Response(null, { status: 409, headers: { "fly-replay": `instance=${primary}` } });
    return json({ message: "Credit reset completed", resetCount: resetMonthlyCredits() });
  },
});
export const action = loader;
