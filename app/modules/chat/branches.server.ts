// A chat's messages form a tree: each message points at the one before it
// (parent_id). Regenerating an answer adds a sibling answer; editing a
// question adds a sibling question, which starts a new branch. The chat
// remembers the last message of the branch it shows (current_message_id);
// that branch is what the chat's readers and the HTTP API see.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { chatMessages, chats, type Chat, type ChatMessage } from "#db/schema";
import { db, preparedQuery } from "~/modules/db/database.server";
import { notFound } from "~/modules/http/errors";

type Node = { id: string; parentId: string | null };

/** Every message of a chat as (id, parent), oldest first. */
function chatTree(chatId: string): Node[] {
  return db()
    .select({ id: chatMessages.id, parentId: chatMessages.parentId })
    .from(chatMessages)
    .where(eq(chatMessages.chatId, chatId))
    .orderBy(asc(chatMessages.createdAt), sql`rowid`)
    .all();
}

/** The ids from the first message down to `leafId`. */
function pathTo(nodes: Map<string, Node>, leafId: string | null | undefined): string[] {
  const path: string[] = [];
  for (let id = leafId; id && path.length <= nodes.size; id = nodes.get(id)?.parentId) {
    if (!nodes.has(id)) break;
    path.unshift(id);
  }
  return path;
}

/**
 * Where a branch through `id` continues: its newest descendant (the last
 * place someone wrote in it), or `id` itself. Messages come after their
 * parents in the tree's order, so one pass finds it, and it is always a leaf.
 */
function newestLeafUnder(tree: Node[], id: string): string {
  const below = new Set([id]);
  let newest = id;
  for (const node of tree)
    if (node.parentId && below.has(node.parentId)) {
      below.add(node.id);
      newest = node.id;
    }
  return newest;
}

function loadMessages(ids: string[]): ChatMessage[] {
  if (ids.length === 0) return [];
  const rows = new Map(
    db()
      .select()
      .from(chatMessages)
      .where(inArray(chatMessages.id, ids))
      .all()
      .map((m) => [m.id, m]),
  );
  return ids.map((id) => rows.get(id)!).filter(Boolean);
}

export type Branch = {
  messages: ChatMessage[];
  /** For each message of the branch: it and its siblings, oldest first. */
  versionIds: Map<string, string[]>;
};

function branchEndingAt(chatId: string, leafId: string | null | undefined, tree = chatTree(chatId)): Branch {
  const nodes = new Map(tree.map((n) => [n.id, n]));
  // A chat whose pointer is missing (older rows) shows its newest message's branch.
  const leaf = leafId && nodes.has(leafId) ? leafId : tree.at(-1)?.id;
  const ids = pathTo(nodes, leaf);
  const siblings = new Map<string | null, string[]>();
  for (const node of tree) siblings.set(node.parentId, [...(siblings.get(node.parentId) ?? []), node.id]);
  return {
    messages: loadMessages(ids),
    versionIds: new Map(ids.map((id) => [id, siblings.get(nodes.get(id)!.parentId) ?? [id]])),
  };
}

/** The branch the chat shows, first message first. */
export function currentBranch(chat: Chat): Branch {
  return branchEndingAt(chat.id, chat.currentMessageId);
}

/** The messages before `messageId` on its own branch (the history a question was asked with). */
export function historyBefore(chatId: string, messageId: string): ChatMessage[] {
  const tree = chatTree(chatId);
  const nodes = new Map(tree.map((n) => [n.id, n]));
  return loadMessages(pathTo(nodes, nodes.get(messageId)?.parentId));
}

/** Every answer to a question, on whichever branch it is and whichever version is shown. */
export function answersTo(chatId: string, questionId: string): ChatMessage[] {
  return db()
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.chatId, chatId), eq(chatMessages.parentId, questionId)))
    .all();
}

/** A message of this chat, or 404. */
export function requireMessage(chat: Chat, messageId: string): ChatMessage {
  const message = db().select().from(chatMessages).where(eq(chatMessages.id, messageId)).get();
  if (!message || message.chatId !== chat.id) throw notFound("Message not found");
  return message;
}

/** Shows the branch through `messageId` as it was last continued: that becomes the chat's current branch. */
export function showBranchThrough(chat: Chat, messageId: string): Chat {
  requireMessage(chat, messageId);
  const leaf = newestLeafUnder(chatTree(chat.id), messageId);
  return db().update(chats).set({ currentMessageId: leaf }).where(eq(chats.id, chat.id)).returning().get();
}

const updateCurrentMessage = preparedQuery((database) =>
  database
    .update(chats)
    .set({ currentMessageId: sql`${sql.placeholder("messageId")}` })
    .where(eq(chats.id, sql.placeholder("chatId")))
    .prepare(),
);

/** Makes `messageId` the end of the chat's current branch (a new answer). */
export function setCurrentMessage(chatId: string, messageId: string) {
  updateCurrentMessage().run({ chatId, messageId });
}
