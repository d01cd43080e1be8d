// Ratings of answers: each reader may give an answer a thumbs up or down with
// an optional note; admins read them all to judge models and prompts.
import { and, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { chatMessages, chats, messageFeedback, users, workspaces, type Chat } from "#db/schema";
import { db } from "~/modules/db/database.server";
import { HttpError } from "~/modules/http/errors";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { requireMessage } from "./branches.server";

export type FeedbackView = { rating: "up" | "down"; note: string | null; updatedAt: string };

/** Rates an answer of the chat (again: the newer rating replaces the older one). */
export function rateAnswer(
  membership: Membership,
  chat: Chat,
  messageId: string,
  input: { rating: "up" | "down"; note?: string | null },
): FeedbackView & { messageId: string } {
  const message = requireMessage(chat, messageId);
  if (message.role !== "assistant")
    throw new HttpError(422, "Only answers can be rated", [{ path: "messageId", message: "Not an answer" }]);
  const note = input.note?.trim() || null;
  const row = db()
    .insert(messageFeedback)
    .values({ messageId, userId: membership.user.id, workspaceId: chat.workspaceId, rating: input.rating, note })
    .onConflictDoUpdate({
      target: [messageFeedback.messageId, messageFeedback.userId],
      set: { rating: input.rating, note, updatedAt: new Date() },
    })
    .returning()
    .get();
  return { messageId, rating: row.rating, note: row.note, updatedAt: row.updatedAt.toISOString() };
}

/** Takes back the caller's rating of an answer. */
export function clearRating(membership: Membership, chat: Chat, messageId: string) {
  requireMessage(chat, messageId);
  db()
    .delete(messageFeedback)
    .where(and(eq(messageFeedback.messageId, messageId), eq(messageFeedback.userId, membership.user.id)))
    .run();
}

/** One person's ratings of some answers, by message id. */
export function feedbackFor(userId: string, messageIds: string[]): Map<string, FeedbackView> {
  if (messageIds.length === 0) return new Map();
  return new Map(
    db()
      .select()
      .from(messageFeedback)
      .where(and(eq(messageFeedback.userId, userId), inArray(messageFeedback.messageId, messageIds)))
      .all()
      .map((f) => [f.messageId, { rating: f.rating, note: f.note, updatedAt: f.updatedAt.toISOString() }]),
  );
}

export type AdminFeedbackView = FeedbackView & {
  userEmail: string;
  workspaceName: string;
  chatTitle: string;
  modelId: string | null;
  credits: number | null;
  question: string;
  answer: string;
};

const EXCERPT_CHARS = 400;
const excerpt = (text: string | null) => (text && text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : (text ?? ""));

/** For admins: the newest ratings of every workspace, with the question and answer they are about. */
export function listFeedback(options: { rating?: "up" | "down"; limit?: number } = {}): AdminFeedbackView[] {
  const question = alias(chatMessages, "question");
  return db()
    .select({
      rating: messageFeedback.rating,
      note: messageFeedback.note,
      updatedAt: messageFeedback.updatedAt,
      userEmail: users.email,
      workspaceName: workspaces.name,
      chatTitle: chats.title,
      modelId: chatMessages.modelId,
      credits: chatMessages.credits,
      question: question.content,
      answer: chatMessages.content,
    })
    .from(messageFeedback)
    .innerJoin(chatMessages, eq(chatMessages.id, messageFeedback.messageId))
    .innerJoin(chats, eq(chats.id, chatMessages.chatId))
    .innerJoin(users, eq(users.id, messageFeedback.userId))
    .innerJoin(workspaces, eq(workspaces.id, messageFeedback.workspaceId))
    .leftJoin(question, eq(question.id, chatMessages.parentId))
    .where(options.rating ? eq(messageFeedback.rating, options.rating) : undefined)
    .orderBy(desc(messageFeedback.updatedAt))
    .limit(options.limit ?? 100)
    .all()
    .map((f) => ({ ...f, updatedAt: f.updatedAt.toISOString(), question: excerpt(f.question), answer: excerpt(f.answer) }));
}
