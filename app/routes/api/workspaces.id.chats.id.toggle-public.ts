import { requireChatApi } from "~/modules/chat/guard.server";
import { publicUrlOf, setChatPublic } from "~/modules/chat/public-chats.server";
import { togglePublicSchema } from "~/modules/chat/schemas";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import type { Route } from "./+types/workspaces.id.chats.id.toggle-public";

export const loader = methodNotAllowed("POST");

// Without a body it flips the chat's visibility; { isPublic } sets it. Going
// public (again) takes a new snapshot of the current branch for the link.
export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { membership, chat } = await requireChatApi(request, params);
  const hasBody = request.headers.get("Content-Length") !== "0" && request.body !== null;
  const { isPublic } = hasBody ? await readJson(request, togglePublicSchema) : { isPublic: undefined };
  const updated = setChatPublic(membership, chat, isPublic ?? !chat.isPublic);
  return json({
    id: updated.id,
    isPublic: updated.isPublic,
    publicUrl: publicUrlOf(updated),
    sharedAt: updated.publishedAt?.toISOString() ?? null,
  });
});
