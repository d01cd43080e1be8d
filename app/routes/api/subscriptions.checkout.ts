import { requireCaller } from "~/modules/auth/caller.server";
import { findPurchasable } from "~/modules/billing/catalog.server";
import { generateCheckoutLink } from "~/modules/billing/checkout.server";
import { checkoutInputSchema } from "~/modules/billing/schemas.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";

export const loader = apiRoute({
  POST: async ({ request, context }) => {
    const caller = requireCaller(context);
    const { priceId, mode, workspaceId } = await readJson(request, checkoutInputSchema);
    const membership = workspaceFor(caller, workspaceId);
    const url = await generateCheckoutLink(membership, priceId, mode ?? findPurchasable(priceId)?.mode ?? "one-time");
    return json({ url });
  },
});
export const action = loader;
