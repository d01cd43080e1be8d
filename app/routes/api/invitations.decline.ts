import { requireCaller } from "~/modules/auth/caller.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { forbidden } from "~/modules/http/errors";
import { declineInvitation } from "~/modules/workspaces/invitations.server";
import { invitationTokenSchema } from "~/modules/workspaces/schemas";

export const loader = apiRoute({
  POST: async ({ request, context }) => {
    const caller = requireCaller(context);
    if (caller.apiKey) throw forbidden("An API key cannot decline invitations");
    const { token } = await readJson(request, invitationTokenSchema);
    declineInvitation(caller.user, token);
    return json({ declined: true });
  },
});
export const action = loader;
