// Chats and their messages. A chat belongs to a workspace; its creator and
// the members and teams it was shared with may read and continue it; workspace
// owners and admins may delete it. Anyone may read a chat its owner made public.
// Messages form a tree (branches.server.ts); a chat shows one branch of it.
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import { chatMessages, chatShares, chatTeamShares, chats, teams, users, type Chat, type ChatMessage, type MessageSource } from "#db/schema";
import { db, preparedQuery, transaction } from "~/modules/db/database.server";
import { HttpError, forbidden, notFound } from "~/modules/http/errors";
import { canManageContent } from "~/modules/workspaces/permissions";
import { requireTeamToShareWith, teamIdsOf } from "~/modules/workspaces/teams.server";
import { findMemberByEmail, isMember, type Membership } from "~/modules/workspaces/workspaces.server";
import { currentBranch } from "./branches.server";
import { feedbackFor, type FeedbackView } from "./feedback.server";
import { plainText } from "~/modules/documents/plain-text.server";

export type MessageView = {
  id: string;
  /** The message before this one in its branch (null for the first). */
  parentId: string | null;
  /** This message and its other versions (same parent), oldest first. */
  versionIds: string[];
  role: ChatMessage["role"];
  content: string;
  status: ChatMessage["status"];
  modelId: string | null;
  credits: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  error: string | null;
  /** The numbered sources the answer cites (RAG); empty for a plain answer. Excerpts are plain text. */
  sources: MessageSource[];
  /** The reader's own rating of an answer, if any. */
  feedback: FeedbackView | null;
  createdAt: string;
};
export type ChatSummary = {
  id: string;
  workspaceId: string;
  title: string;
  modelId: string;
  isPublic: boolean;
  pinned: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};
/** A chat in the chat screen's list: whether this person may rename, pin, share and delete it. */
export type ChatListItem = ChatSummary & { canManage: boolean };
export type ChatView = ChatSummary & {
  systemPrompt: string | null;
  temperature: number | null;
  /** When the public copy was taken (null while private). */
  publishedAt: string | null;
  /** The chat's current branch, first message first. */
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
  pinned: c.pinnedAt !== null,
  createdBy: c.createdBy,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const toMessageView = (m: ChatMessage, versionIds: string[] = [m.id], feedback: FeedbackView | null = null): MessageView => ({
  id: m.id,
  parentId: m.parentId,
  versionIds,
  role: m.role,
  content: m.content,
  status: m.status,
  modelId: m.modelId,
  credits: m.credits,
  inputTokens: m.inputTokens,
  outputTokens: m.outputTokens,
  error: m.error,
  // Excerpts are plain when stored (grounding); answers stored before that are converted as read.
  sources: (m.sources ?? []).map((s) => ({ ...s, excerpt: plainText(s.excerpt) })),
  feedback,
  createdAt: m.createdAt.toISOString(),
});

const TITLE_CHARS = 60;

/** A title from the first question: its first line as plain text, cut at a word near 60 characters. */
export function titleFrom(text: string): string {
  const firstLine =
    text
      .trim()
      .split("\n")
      .find((line) => line.trim()) ?? "";
  const line = plainText(firstLine);
  if (line.length <= TITLE_CHARS) return line || "New chat";
  const cut = line.slice(0, TITLE_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 30 ? cut.lastIndexOf(" ") : TITLE_CHARS)}…`;
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

export type ChatSettings = { systemPrompt?: string | null; temperature?: number | null };

const insertChat = preparedQuery((database) =>
  database
    .insert(chats)
    .values({
      id: sql.placeholder("id"),
      workspaceId: sql.placeholder("workspaceId"),
      createdBy: sql.placeholder("createdBy"),
      title: sql.placeholder("title"),
      modelId: sql.placeholder("modelId"),
      systemPrompt: sql.placeholder("systemPrompt"),
      temperature: sql.placeholder("temperature"),
      source: sql.placeholder("source"),
    })
    .returning()
    .prepare(),
);

export function createChat(
  membership: Membership,
  input: { title?: string; modelId: string; source?: Chat["source"] } & ChatSettings,
): Chat {
  return insertChat().get({
    id: randomUUID(),
    workspaceId: membership.workspace.id,
    createdBy: membership.user.id,
    title: input.title?.trim() || "New chat",
    modelId: input.modelId,
    systemPrompt: input.systemPrompt?.trim() || null,
    temperature: input.temperature ?? null,
    source: input.source ?? "app",
  })!;
}

/**
 * The chats the caller may read, pinned ones first, then the most recently used. Only those asked
 * in the app: chats of the OpenAI-compatible API (/v1) are one-off calls of programs, readable by id.
 */
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
    .orderBy(sql`${chats.pinnedAt} is null`, desc(chats.pinnedAt), desc(chats.updatedAt))
    .limit(200)
    .all()
    .map(toChatSummary);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The chat with its current branch; `viewerId` adds that person's ratings of the answers. */
export function chatView(chat: Chat, viewerId?: string): ChatView {
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
  const branch = currentBranch(chat);
  const ratings = viewerId
    ? feedbackFor(
        viewerId,
        branch.messages.map((m) => m.id),
      )
    : new Map<string, FeedbackView>();
  return {
    ...toChatSummary(chat),
    systemPrompt: chat.systemPrompt,
    temperature: chat.temperature,
    publishedAt: chat.publishedAt?.toISOString() ?? null,
    messages: branch.messages.map((m) => toMessageView(m, branch.versionIds.get(m.id), ratings.get(m.id) ?? null)),
    sharedWith,
    sharedWithTeams,
  };
}

/**
 * Changes a chat. Its title, pin and settings are everyone's view of it: only
 * its creator or an owner/admin changes them (403). The model follows whoever
 * continues the chat.
 */
export function updateChat(
  membership: Membership,
  chat: Chat,
  changes: { title?: string; modelId?: string; pinned?: boolean } & ChatSettings,
): Chat {
  const { pinned, systemPrompt, ...rest } = changes;
  const managed = [changes.title, pinned, systemPrompt, changes.temperature].some((value) => value !== undefined);
  if (managed && !canManageChat(chat, membership))
    throw forbidden("Only the chat's creator or a workspace admin can rename, pin or change the settings of this chat");
  return db()
    .update(chats)
    .set({
      ...rest,
      ...(systemPrompt !== undefined ? { systemPrompt: systemPrompt?.trim() || null } : {}),
      ...(pinned !== undefined ? { pinnedAt: pinned ? new Date() : null } : {}),
      // Pinning, settings and switching versions do not make a chat "recent"; a new title or model does.
      ...(changes.title !== undefined || changes.modelId !== undefined ? { updatedAt: new Date() } : {}),
    })
    .where(eq(chats.id, chat.id))
    .returning()
    .get();
}

/** Whether this person may rename, pin, re-instruct, share or delete the chat: its creator, or an owner/admin. */
export const canManageChat = (chat: Pick<Chat, "createdBy">, membership: Membership) =>
  canManageContent(membership.role, chat.createdBy, membership.user.id);

export function deleteChat(membership: Membership, chat: Chat) {
  if (!canManageChat(chat, membership)) throw forbidden("Only the chat's creator or a workspace admin can delete it");
  db().delete(chats).where(eq(chats.id, chat.id)).run();
}

function assertCanShare(chat: Chat, membership: Membership) {
  // Someone a chat was shared with reads and continues it, but does not widen who sees it.
  if (!canManageChat(chat, membership)) throw forbidden("Only the chat's creator or a workspace admin can share it");
}

/** Shares a chat with another member of its workspace. */
export function shareChat(membership: Membership, chat: Chat, email: string) {
  assertCanShare(chat, membership);
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
  assertCanShare(chat, membership);
  const team = requireTeamToShareWith(chat.workspaceId, teamId);
  db().insert(chatTeamShares).values({ chatId: chat.id, teamId: team.id, sharedBy: membership.user.id }).onConflictDoNothing().run();
  return { id: team.id, name: team.name };
}

/** Adds a message under its parent (the chat's updated time moves; the current branch does not). */
type NewMessage = Pick<typeof chatMessages.$inferInsert, "chatId" | "role" | "content"> &
  Partial<Omit<typeof chatMessages.$inferInsert, "chatId" | "role" | "content" | "createdAt" | "updatedAt">>;

const insertMessage = preparedQuery((database) =>
  database
    .insert(chatMessages)
    .values({
      id: sql.placeholder("id"),
      chatId: sql.placeholder("chatId"),
      parentId: sql.placeholder("parentId"),
      role: sql.placeholder("role"),
      content: sql.placeholder("content"),
      status: sql.placeholder("status"),
      authorId: sql.placeholder("authorId"),
      modelId: sql.placeholder("modelId"),
      inputTokens: sql.placeholder("inputTokens"),
      outputTokens: sql.placeholder("outputTokens"),
      credits: sql.placeholder("credits"),
      error: sql.placeholder("error"),
      // JSON text or NULL as given (the column's encoder would store a null as the text "null").
      sources: sql`${sql.placeholder("sources")}`,
    })
    .returning()
    .prepare(),
);

const touchChat = preparedQuery((database) =>
  database
    .update(chats)
    // Milliseconds, as the column stores them.
    .set({ updatedAt: sql`${sql.placeholder("now")}` })
    .where(eq(chats.id, sql.placeholder("chatId")))
    .prepare(),
);

export function appendMessage(values: NewMessage): ChatMessage {
  return transaction(() => {
    const message = insertMessage().get({
      id: values.id ?? randomUUID(),
      chatId: values.chatId,
      parentId: values.parentId ?? null,
      role: values.role,
      content: values.content,
      status: values.status ?? "complete",
      authorId: values.authorId ?? null,
      modelId: values.modelId ?? null,
      inputTokens: values.inputTokens ?? null,
      outputTokens: values.outputTokens ?? null,
      credits: values.credits ?? null,
      error: values.error ?? null,
      sources: values.sources ? JSON.stringify(values.sources) : null,
    })!;
    touchChat().run({ chatId: values.chatId, now: Date.now() });
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

// A streaming answer's text is saved every second and once more when it ends: both built once.
const saveText = preparedQuery((database) =>
  database
    .update(chatMessages)
    // Milliseconds, as the column stores them.
    .set({ content: sql`${sql.placeholder("content")}`, updatedAt: sql`${sql.placeholder("now")}` })
    .where(eq(chatMessages.id, sql.placeholder("id")))
    .prepare(),
);
const finishAnswer = preparedQuery((database) =>
  database
    .update(chatMessages)
    .set({
      content: sql`${sql.placeholder("content")}`,
      status: sql`${sql.placeholder("status")}`,
      error: sql`${sql.placeholder("error")}`,
      inputTokens: sql`${sql.placeholder("inputTokens")}`,
      outputTokens: sql`${sql.placeholder("outputTokens")}`,
      credits: sql`${sql.placeholder("credits")}`,
      updatedAt: sql`${sql.placeholder("now")}`,
    })
    .where(eq(chatMessages.id, sql.placeholder("id")))
    .prepare(),
);

/** The hot path of a streaming answer (each stream, every second). */
export function saveStreamingText(id: string, content: string) {
  saveText().run({ id, content, now: Date.now() });
}

/** An answer's final text, status and cost, when its stream ends. */
export function finishStreamedMessage(
  id: string,
  end: {
    content: string;
    status: "complete" | "stopped" | "failed";
    error: string | null;
    inputTokens: number;
    outputTokens: number;
    credits: number;
  },
) {
  finishAnswer().run({ id, ...end, now: Date.now() });
}

/** Whether an answer of this chat is still being written. */
export function hasStreamingAnswer(chatId: string): boolean {
  return (
    db()
      .select({ id: chatMessages.id })
      .from(chatMessages)
      .where(and(eq(chatMessages.chatId, chatId), eq(chatMessages.status, "streaming")))
      .get() !== undefined
  );
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
