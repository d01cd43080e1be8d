import type { RouterContextProvider } from "react-router";
import type { Chat } from "#db/schema";
import { forPage, pageId } from "~/modules/http/page.server";
import { readParams } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { requireChat } from "./chats.server";
import { chatParamsSchema } from "./schemas";

/** For chat API routes: the caller's membership and a chat they may use (401/404). */
export function requireChatApi(context: Readonly<RouterContextProvider>, params: unknown): { membership: Membership; chat: Chat } {
  const membership = requireWorkspaceApi(context, params);
  const { chatId } = readParams(params, chatParamsSchema);
  return { membership, chat: requireChat(membership, chatId) };
}

/** For chat pages: a chat the caller may use, or the 404 page. */
export function requireChatPage(membership: Membership, chatId: string): Chat {
  const id = pageId(chatId, "Chat");
  return forPage(() => requireChat(membership, id));
}
