import { setChatPublic } from "~/modules/chat/chats.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { togglePublicSchema } from "~/modules/chat/schemas";
import { env } from "~/modules/config/env.server";
import { apiRoute, json, readOptionalJson } from "~/modules/http/api.server";

// Without a body it flips the chat's visibility; { isPublic } sets it.
export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    const { isPublic } = await readOptionalJson(request, togglePublicSchema);
    const updated = setChatPublic(membership, chat, isPublic ?? !chat.isPublic);
    return json({
      id: updated.id,
      isPublic: updated.isPublic,
      publicUrl: updated.isPublic ? `${env().APP_URL}/share/${updated.id}` : null,
    });
  },
});
export const action = loader;
