import { requireChatApi } from "~/modules/chat/guard.server";
import { publicUrlOf, setChatPublic } from "~/modules/chat/public-chats.server";
import { togglePublicSchema } from "~/modules/chat/schemas";
import { apiRoute, json, readOptionalJson } from "~/modules/http/api.server";

// Without a body it flips the chat's visibility; { isPublic } sets it. Going
// public (again) takes a new snapshot of the current branch for the link.
export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    const { isPublic } = await readOptionalJson(request, togglePublicSchema);
    const updated = setChatPublic(membership, chat, isPublic ?? !chat.isPublic);
    return json({
      id: updated.id,
      isPublic: updated.isPublic,
      publicUrl: publicUrlOf(updated),
      sharedAt: updated.publishedAt?.toISOString() ?? null,
    });
  },
});
export const action = loader;
