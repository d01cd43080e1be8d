// Chats and their messages. A chat belongs to a workspace; its creator and
// the members and teams it was shared with may read and continue it; workspace
// owners and admins may delete it. Anyone may read a chat its owner made public.
import type Database from "better-sqlite3";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { chatMessages, chatShares, chatTeamShares, chats, teams, users, type Chat, type ChatMessage, type MessageSource } from "#db/schema";
import { db, transaction } from "~/modules/db/database.server";
import { HttpError, forbidden, notFound } from "~/modules/http/errors";
import { canManageContent } from "~/modules/workspaces/permissions";
import { requireTeamToShareWith, teamIdsOf } from "~/modules/workspaces/teams.server";
import { findMemberByEmail, isMember, type Membership } from "~/modules/workspaces/workspaces.server";

export type MessageView = {
  id: string;
  role: ChatMessage["role"];
  content: string;
  status: ChatMessage["status"];
  modelId: string | null;
  credits: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  error: string | null;
  /** The numbered sources the answer cites (RAG); empty for a plain answer. */
  sources: MessageSource[];
  createdAt: string;
};
export type ChatSummary = {
  id: string;
  workspaceId: string;
  title: string;
  modelId: string;
  isPublic: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};
export type ChatView = ChatSummary & {
  messages: MessageView[];
  sharedWith: { userId: string; email: string; name: string | null }[];
  sharedWithTeams: { id: string; name: string }[];
};

export const toChatSummary = (c: Chat): ChatSummary => ({
  id: c.id,
  workspaceId: c.workspaceId,
  title: c.title,
  modelId: c.modelId,
  isPublic: c.isPublic,
  createdBy: c.createdBy,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const toMessageView = (m: ChatMessage): MessageView => ({
  id: m.id,
  role: m.role,
  content: m.content,
  status: m.status,
  modelId: m.modelId,
  credits: m.credits,
  inputTokens: m.inputTokens,
  outputTokens: m.outputTokens,
  error: m.error,
  sources: m.sources ?? [],
  createdAt: m.createdAt.toISOString(),
});

/** A title from the first question: its first line, cut at a word near 60 characters. */
export function titleFrom(text: string): string {
  const line = text.trim().split("\n")[0]!.replace(/\s+/g, " ");
  if (line.length <= 60) return line || "New chat";
  const cut = line.slice(0, 60);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 30 ? cut.lastIndexOf(" ") : 60)}…`;
}

const canRead = (chat: Chat, membership: Membership) =>
  chat.createdBy === membership.user.id ||
  db()
    .select({ chatId: chatShares.chatId })
    .from(chatShares)
    .where(and(eq(chatShares.chatId, chat.id), eq(chatShares.userId, membership.user.id)))
    .get() !== undefined ||
  sharedWithOneOf(chat.id, teamIdsOf(chat.workspaceId, membership.user.id));

const sharedWithOneOf = (chatId: string, teamIds: string[]) =>
  teamIds.length > 0 &&
  db()
    .select({ chatId: chatTeamShares.chatId })
    .from(chatTeamShares)
    .where(and(eq(chatTeamShares.chatId, chatId), inArray(chatTeamShares.teamId, teamIds)))
    .get() !== undefined;

/** A chat the caller may read and continue; anything else is "not found". */
export function requireChat(membership: Membership, chatId: string): Chat {
  const chat = db()
    .select()
    .from(chats)
    .where(and(eq(chats.id, chatId), eq(chats.workspaceId, membership.workspace.id)))
    .get();
  if (!chat || !canRead(chat, membership)) throw notFound("Chat not found");
  return chat;
}

export function createChat(membership: Membership, input: { title?: string; modelId: string; source?: Chat["source"] }): Chat {
  return db()
    .insert(chats)
    .values({
      workspaceId: membership.workspace.id,
      createdBy: membership.user.id,
      title: input.title?.trim() || "New chat",
      modelId: input.modelId,
      source: input.source,
    })
    .returning()
    .get();
}

/** The chats people asked in the app; those asked through /v1 are one-off calls of programs, readable by id only. */
export function listChats(membership: Membership, search?: string): ChatSummary[] {
  const teamIds = teamIdsOf(membership.workspace.id, membership.user.id);
  const visible = or(
    eq(chats.createdBy, membership.user.id),
    sql`exists (select 1 from ${chatShares} where ${chatShares.chatId} = ${chats.id} and ${chatShares.userId} = ${membership.user.id})`,
    teamIds.length
      ? sql`exists (select 1 from ${chatTeamShares} where ${chatTeamShares.chatId} = ${chats.id} and ${inArray(chatTeamShares.teamId, teamIds)})`
      : undefined,
  );
  const term = search?.trim();
  const matches = term
    ? or(
        sql`${chats.title} like ${`%${escapeLike(term)}%`} escape '\\'`,
        sql`exists (select 1 from ${chatMessages} where ${chatMessages.chatId} = ${chats.id} and ${chatMessages.content} like ${`%${escapeLike(term)}%`} escape '\\')`,
      )
    : undefined;
  return db()
    .select()
    .from(chats)
    .where(and(eq(chats.workspaceId, membership.workspace.id), eq(chats.source, "app"), visible, matches))
    .orderBy(desc(chats.updatedAt))
    .limit(200)
    .all()
    .map(toChatSummary);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listMessages(chatId: string): ChatMessage[] {
  return db()
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.chatId, chatId))
    .orderBy(asc(chatMessages.createdAt), sql`rowid`)
    .all();
}

export function chatView(chat: Chat): ChatView {
  const sharedWith = db()
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(chatShares)
    .innerJoin(users, eq(users.id, chatShares.userId))
    .where(eq(chatShares.chatId, chat.id))
    .all();
  const sharedWithTeams = db()
    .select({ id: teams.id, name: teams.name })
    .from(chatTeamShares)
    .innerJoin(teams, eq(teams.id, chatTeamShares.teamId))
    .where(eq(chatTeamShares.chatId, chat.id))
    .all();
  return { ...toChatSummary(chat), messages: listMessages(chat.id).map(toMessageView), sharedWith, sharedWithTeams };
}

export function updateChat(chat: Chat, changes: { title?: string; modelId?: string }): Chat {
  return db()
    .update(chats)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(chats.id, chat.id))
    .returning()
    .get();
}

const canManage = (chat: Chat, membership: Membership) => canManageContent(membership.role, chat.createdBy, membership.user.id);

export function deleteChat(membership: Membership, chat: Chat) {
  if (!canManage(chat, membership)) throw forbidden("Only the chat's creator or a workspace admin can delete it");
  db().delete(chats).where(eq(chats.id, chat.id)).run();
}

export function setChatPublic(membership: Membership, chat: Chat, isPublic: boolean): Chat {
  if (!canManage(chat, membership)) throw forbidden("Only the chat's creator or a workspace admin can change who sees it");
  return db().update(chats).set({ isPublic }).where(eq(chats.id, chat.id)).returning().get();
}

/** Shares a chat with another member of its workspace. */
export function shareChat(membership: Membership, chat: Chat, email: string) {
  const member = findMemberByEmail(chat.workspaceId, email);
  if (!member)
    throw new HttpError(422, "That person is not a member of this workspace", [
      { path: "email", message: "Not a member of this workspace" },
    ]);
  if (member.userId !== chat.createdBy)
    db().insert(chatShares).values({ chatId: chat.id, userId: member.userId, sharedBy: membership.user.id }).onConflictDoNothing().run();
  return { userId: member.userId, email: member.email, name: member.name };
}

/** Shares a chat with a team of its workspace: the team's members can then read and continue it. */
export function shareChatWithTeam(membership: Membership, chat: Chat, teamId: string) {
  const team = requireTeamToShareWith(chat.workspaceId, teamId);
  db().insert(chatTeamShares).values({ chatId: chat.id, teamId: team.id, sharedBy: membership.user.id }).onConflictDoNothing().run();
  return { id: team.id, name: team.name };
}

/** A public chat, for anyone with its link; private or unknown ones are "not found". */
export function publicChat(chatId: string): ChatView {
  const chat = db()
    .select()
    .from(chats)
    .where(and(eq(chats.id, chatId), eq(chats.isPublic, true)))
    .get();
  if (!chat) throw notFound("Chat not found");
  return { ...chatView(chat), sharedWith: [], sharedWithTeams: [] };
}

export function appendMessage(values: typeof chatMessages.$inferInsert): ChatMessage {
  return transaction((tx) => {
    const message = tx.insert(chatMessages).values(values).returning().get();
    tx.update(chats).set({ updatedAt: new Date() }).where(eq(chats.id, values.chatId)).run();
    return message;
  });
}

export function updateMessage(id: string, changes: Partial<typeof chatMessages.$inferInsert>) {
  db()
    .update(chatMessages)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(chatMessages.id, id))
    .run();
}

let saveTextStatement: Database.Statement<[string, number, string]> | undefined;

/** The hot path of a streaming answer (each stream, every second): one prepared UPDATE, no query building. */
export function saveStreamingText(id: string, content: string) {
  saveTextStatement ??= db().$client.prepare<[string, number, string]>("UPDATE chat_messages SET content = ?, updated_at = ? WHERE id = ?");
  saveTextStatement.run(content, Date.now(), id);
}

export function deleteMessage(id: string) {
  db().delete(chatMessages).where(eq(chatMessages.id, id)).run();
}

/** Messages a crash left streaming become "interrupted": their partial text stays readable. */
export function markStreamingMessagesInterrupted(): ChatMessage[] {
  return db()
    .update(chatMessages)
    .set({ status: "interrupted", error: "The server stopped while this answer was streaming.", updatedAt: new Date() })
    .where(eq(chatMessages.status, "streaming"))
    .returning()
    .all();
}

export { isMember };
