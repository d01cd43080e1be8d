import { requireApiUser } from "~/modules/auth/guard.server";
import { createPortalLink } from "~/modules/billing/checkout.server";
import { readOptionalJson, workspaceChoiceSchema } from "~/modules/billing/schemas.server";
import { api, json, methodNotAllowed } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/billing.portal";

// Also served at /api/subscriptions/create-portal-link (subscriptions.create-portal-link.ts).
export const loader = methodNotAllowed("POST");

export const action = api(async ({ request }: Route.ActionArgs) => {
  const user = await requireApiUser(request);
  const { workspaceId } = await readOptionalJson(request, workspaceChoiceSchema);
  return json({ url: await createPortalLink(workspaceFor(user, workspaceId)) });
});
