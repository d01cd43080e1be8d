import { requireApiUser } from "~/modules/auth/guard.server";
import { answerResponse } from "~/modules/chat/answer-response.server";
import { askInChat } from "~/modules/chat/conversation.server";
import { chatRequestSchema } from "~/modules/chat/schemas";
import { api, json, readJson } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/chat";

export const loader = () => json({ message: "Chat API is working" });

export const action = api(async ({ request }: Route.ActionArgs) => {
  const user = await requireApiUser(request);
  const { workspaceId, ...input } = await readJson(request, chatRequestSchema);
  const membership = workspaceFor(user, workspaceId);
  return answerResponse(request, await askInChat(membership, input, request.signal));
});
