import { requireApiUser } from "~/modules/auth/guard.server";
import { listInvoices } from "~/modules/billing/checkout.server";
import { invoicesQuerySchema } from "~/modules/billing/schemas.server";
import { api, json, readQuery } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/billing.invoices";

export const loader = api(async ({ request }: Route.LoaderArgs) => {
  const user = await requireApiUser(request);
  const { customerId, workspaceId } = readQuery(request, invoicesQuerySchema);
  return json({ invoices: await listInvoices(workspaceFor(user, workspaceId), customerId) });
});
