import { requireCaller } from "~/modules/auth/caller.server";
import { createPortalLink } from "~/modules/billing/checkout.server";
import { workspaceChoiceSchema } from "~/modules/billing/schemas.server";
import { apiRoute, json, readOptionalJson } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";

// Also served at /api/subscriptions/create-portal-link (subscriptions.create-portal-link.ts).
export const loader = apiRoute({
  POST: async ({ request, context }) => {
    const caller = requireCaller(context);
    const { workspaceId } = await readOptionalJson(request, workspaceChoiceSchema);
    return json({ url: await createPortalLink(workspaceFor(caller, workspaceId)) });
  },
});
export const action = loader;
