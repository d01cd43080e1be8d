import { requireCaller } from "~/modules/auth/caller.server";
import { answerResponse } from "~/modules/chat/answer-response.server";
import { askInChat } from "~/modules/chat/conversation.server";
import { chatRequestSchema } from "~/modules/chat/schemas";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";

export const loader = apiRoute({
  GET: () => json({ message: "Chat API is working" }),
  POST: async ({ request, context }) => {
    const caller = requireCaller(context);
    const { workspaceId, ...input } = await readJson(request, chatRequestSchema);
    const membership = workspaceFor(caller, workspaceId);
    return answerResponse(request, await askInChat(membership, input, request.signal));
  },
});
export const action = loader;
