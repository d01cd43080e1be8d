import { requireApiUser } from "~/modules/auth/guard.server";
import { modelCatalogFor } from "~/modules/chat/model-catalog.server";
import { api, json } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/models";

// The model catalog as the caller's workspace sees it: price, plan lock, availability.
export const loader = api(async ({ request }: Route.LoaderArgs) => {
  const user = await requireApiUser(request);
  const workspaceId = new URL(request.url).searchParams.get("workspaceId") ?? undefined;
  return json(modelCatalogFor(workspaceFor(user, workspaceId)));
});
