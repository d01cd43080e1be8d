import { setChatPublic } from "~/modules/chat/chats.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { togglePublicSchema } from "~/modules/chat/schemas";
import { env } from "~/modules/config/env.server";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import type { Route } from "./+types/workspaces.id.chats.id.toggle-public";

export const loader = methodNotAllowed("POST");

// Without a body it flips the chat's visibility; { isPublic } sets it.
export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { membership, chat } = await requireChatApi(request, params);
  const hasBody = request.headers.get("Content-Length") !== "0" && request.body !== null;
  const { isPublic } = hasBody ? await readJson(request, togglePublicSchema) : { isPublic: undefined };
  const updated = setChatPublic(membership, chat, isPublic ?? !chat.isPublic);
  return json({ id: updated.id, isPublic: updated.isPublic, publicUrl: updated.isPublic ? `${env().APP_URL}/share/${updated.id}` : null });
});
