import { requireCaller } from "~/modules/auth/caller.server";
import { modelCatalogFor } from "~/modules/chat/model-catalog.server";
import { apiRoute, json } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";

// The model catalog as the caller's workspace sees it: price, plan lock, availability.
export const loader = apiRoute({
  GET: ({ request, context }) => {
    const caller = requireCaller(context);
    const workspaceId = new URL(request.url).searchParams.get("workspaceId") ?? undefined;
    return json(modelCatalogFor(workspaceFor(caller, workspaceId)));
  },
});
export const action = loader;
