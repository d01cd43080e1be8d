import { z } from "zod";
import { publicChat } from "~/modules/chat/chats.server";
import { apiRoute, json, readParams } from "~/modules/http/api.server";

// A public chat as JSON, for anyone with its link; read-only.
export const loader = apiRoute({
  GET: ({ params }) => {
    const { chatId } = readParams(params, z.object({ chatId: z.uuid() }));
    return json(publicChat(chatId), { headers: { "Cache-Control": "no-store" } });
  },
});
export const action = loader;
