import { requireCaller } from "~/modules/auth/caller.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { forbidden } from "~/modules/http/errors";
import { acceptInvitation } from "~/modules/workspaces/invitations.server";
import { invitationTokenSchema } from "~/modules/workspaces/schemas";

export const loader = apiRoute({
  POST: async ({ request, context }) => {
    const caller = requireCaller(context);
    // A key acts inside its one workspace; joining another is for the person, signed in.
    if (caller.apiKey) throw forbidden("An API key cannot accept invitations");
    const { token } = await readJson(request, invitationTokenSchema);
    return json(acceptInvitation(caller.user, token));
  },
});
export const action = loader;
