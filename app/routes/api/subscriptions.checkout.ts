import { requireApiUser } from "~/modules/auth/guard.server";
import { findPurchasable } from "~/modules/billing/catalog.server";
import { generateCheckoutLink } from "~/modules/billing/checkout.server";
import { checkoutInputSchema } from "~/modules/billing/schemas.server";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/subscriptions.checkout";

export const loader = methodNotAllowed("POST");

export const action = api(async ({ request }: Route.ActionArgs) => {
  const user = await requireApiUser(request);
  const { priceId, mode, workspaceId } = await readJson(request, checkoutInputSchema);
  const membership = workspaceFor(user, workspaceId);
  const url = await generateCheckoutLink(membership, priceId, mode ?? findPurchasable(priceId)?.mode ?? "one-time");
  return json({ url });
});
