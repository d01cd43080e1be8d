// Public chats: making a chat public copies its current branch into a
// snapshot, and the public link serves only that copy. Later messages stay
// private until the owner publishes again. The copy keeps questions, answers
// and the names of cited documents, never internal ids or document excerpts.
import { and, eq } from "drizzle-orm";
import { chats, type Chat, type PublicChatSnapshot } from "#db/schema";
import { env } from "~/modules/config/env.server";
import { db } from "~/modules/db/database.server";
import { forbidden, notFound } from "~/modules/http/errors";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { currentBranch } from "./branches.server";
import { canManageChat } from "./chats.server";

export type PublicChat = PublicChatSnapshot & { sharedAt: string };

export function snapshotOf(chat: Chat): PublicChatSnapshot {
  return {
    title: chat.title,
    messages: currentBranch(chat)
      .messages.filter((m) => m.role !== "system")
      .map((m) => ({
        role: m.role as "user" | "assistant",
        content: m.content,
        status: m.status,
        modelId: m.modelId,
        sources: (m.sources ?? []).map((s) => ({ n: s.n, filename: s.filename, page: s.page })),
      })),
  };
}

export const publicUrlOf = (chat: Chat) => (chat.isPublic ? `${env().APP_URL}/share/${chat.id}` : null);

/**
 * Makes a chat public with a fresh copy of its current branch (publishing a
 * public chat again refreshes the copy), or private again, which deletes the copy.
 */
export function setChatPublic(membership: Membership, chat: Chat, isPublic: boolean): Chat {
  if (!canManageChat(chat, membership)) throw forbidden("Only the chat's creator or a workspace admin can change who sees it");
  const changes = isPublic
    ? { isPublic, publicSnapshot: snapshotOf(chat), publishedAt: new Date() }
    : { isPublic, publicSnapshot: null, publishedAt: null };
  return db().update(chats).set(changes).where(eq(chats.id, chat.id)).returning().get();
}

/** A public chat's copy, for anyone with its link; private or unknown ones are "not found". */
export function publicChat(chatId: string): PublicChat {
  const chat = db()
    .select({ snapshot: chats.publicSnapshot, publishedAt: chats.publishedAt })
    .from(chats)
    .where(and(eq(chats.id, chatId), eq(chats.isPublic, true)))
    .get();
  if (!chat?.snapshot || !chat.publishedAt) throw notFound("Chat not found");
  return { ...chat.snapshot, sharedAt: chat.publishedAt.toISOString() };
}
