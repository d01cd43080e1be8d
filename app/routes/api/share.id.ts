import { z } from "zod";
import { publicChat } from "~/modules/chat/public-chats.server";
import { api, json, readParams } from "~/modules/http/api.server";
import type { Route } from "./+types/share.id";

// A public chat as JSON, for anyone with its link: the copy taken when it was shared.
export const loader = api(async ({ params }: Route.LoaderArgs) => {
  const { chatId } = readParams(params, z.object({ chatId: z.uuid() }));
  return json(publicChat(chatId), { headers: { "Cache-Control": "no-store" } });
});
