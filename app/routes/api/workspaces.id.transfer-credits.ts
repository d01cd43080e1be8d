import { requireCaller } from "~/modules/auth/caller.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { forbidden } from "~/modules/http/errors";
import { moveCreditsFromPersonal } from "~/modules/workspaces/credit-transfer.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import { creditTransferSchema } from "~/modules/workspaces/schemas";

// An owner moves credits from their personal workspace into this one.
export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    // A key acts inside its one workspace; this spends another (the personal one).
    if (requireCaller(context).apiKey) throw forbidden("An API key cannot move credits between workspaces");
    const { amount } = await readJson(request, creditTransferSchema);
    return json(moveCreditsFromPersonal(membership, amount));
  },
});
export const action = loader;
