import { requireCaller } from "~/modules/auth/caller.server";
import { listInvoices } from "~/modules/billing/checkout.server";
import { invoicesQuerySchema } from "~/modules/billing/schemas.server";
import { apiRoute, json, readQuery } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";

export const loader = apiRoute({
  GET: async ({ request, context }) => {
    const caller = requireCaller(context);
    const { customerId, workspaceId } = readQuery(request, invoicesQuerySchema);
    return json({ invoices: await listInvoices(workspaceFor(caller, workspaceId), customerId) });
  },
});
export const action = loader;
