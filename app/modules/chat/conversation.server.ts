// The chat operations behind the routes: ask in a new or existing chat,
// continue a chat, regenerate (optionally after editing) the last question.
import type { Chat, ChatMessage } from "#db/schema";
import { assertDocumentsInWorkspace } from "~/modules/rag/documents.server";
import { groundQuestion } from "~/modules/rag/grounding.server";
import { chatKnowledgeBaseIds } from "~/modules/rag/knowledge-bases.server";
import { DEFAULT_MODEL_ID, findModel, type ModelInfo } from "~/modules/ai/models";
import type { ChatTurn } from "~/modules/ai/providers.server";
import { HttpError, badRequest } from "~/modules/http/errors";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { assertModelUsable, startAnswer, type Answer } from "./answer.server";
import { appendMessage, createChat, deleteMessage, listMessages, requireChat, titleFrom, updateChat, updateMessage } from "./chats.server";

const asTurns = (messages: ChatMessage[]): ChatTurn[] =>
  messages.filter((m) => m.content.length > 0).map((m) => ({ role: m.role, content: m.content }));

function usableModel(membership: Membership, modelId: string): ModelInfo {
  const model = findModel(modelId);
  if (!model) throw new HttpError(422, "Unknown model", [{ path: "modelId", message: `No model "${modelId}"` }]);
  assertModelUsable(membership, model);
  return model;
}

/**
 * The sources for a question: retrieval over the documents the request names
 * and the knowledge bases attached to the chat (network calls happen here,
 * before any transaction). Nothing chosen: a plain answer.
 */
async function grounding(
  membership: Membership,
  input: { question: string; earlier: ChatMessage[]; documentIds?: string[]; chat?: Chat; signal: AbortSignal },
) {
  const knowledgeBaseIds = input.chat ? chatKnowledgeBaseIds(input.chat.id) : [];
  return groundQuestion(membership.workspace.id, {
    question: input.question,
    earlierQuestions: input.earlier.filter((m) => m.role === "user").map((m) => m.content),
    scope: { documentIds: input.documentIds, knowledgeBaseIds },
    signal: input.signal,
  });
}

const withSources = (grounded: Awaited<ReturnType<typeof grounding>>, prompt: ChatTurn[]): ChatTurn[] =>
  grounded ? [{ role: "system", content: grounded.systemPrompt }, ...prompt] : prompt;

/** POST /api/chat: the spec's request — a list of messages, in a new chat or an existing one. */
export async function askInChat(
  membership: Membership,
  input: { messages: ChatTurn[]; chatId?: string; modelId?: string; documentIds?: string[] },
  signal: AbortSignal,
): Promise<Answer> {
  const existing = input.chatId ? requireChat(membership, input.chatId) : undefined;
  const model = usableModel(membership, input.modelId ?? existing?.modelId ?? DEFAULT_MODEL_ID);
  assertDocumentsInWorkspace(membership.workspace.id, input.documentIds ?? []);
  const last = input.messages.at(-1);
  if (!last || last.role !== "user")
    throw new HttpError(422, "The last message must be the user's question", [
      { path: "messages", message: "Must end with a user message" },
    ]);
  const history = existing ? listMessages(existing.id) : [];
  const grounded = await grounding(membership, {
    question: last.content,
    earlier: existing ? history : input.messages.slice(0, -1).map((m) => ({ role: m.role, content: m.content }) as ChatMessage),
    documentIds: input.documentIds,
    chat: existing,
    signal,
  });

  // An existing chat keeps its own history (the server's copy is the record);
  // a new chat starts from whatever the client sent, system prompts included.
  const newTurns = existing ? [last] : input.messages;
  const prompt = existing ? [...asTurns(history), last] : input.messages;
  return startAnswer({
    membership,
    model,
    prompt: withSources(grounded, prompt),
    sources: grounded?.sources,
    signal,
    store: () => {
      const chat = existing
        ? existing.modelId === model.id
          ? existing
          : updateChat(existing, { modelId: model.id })
        : createChat(membership, { title: titleFrom(last.content), modelId: model.id });
      for (const turn of newTurns)
        appendMessage({
          chatId: chat.id,
          role: turn.role,
          content: turn.content,
          authorId: turn.role === "user" ? membership.user.id : null,
        });
      return chat;
    },
  });
}

/** POST …/chats/{id}/messages: one more question in a chat. */
export async function continueChat(
  membership: Membership,
  chat: Chat,
  input: { content: string; modelId?: string; documentIds?: string[] },
  signal: AbortSignal,
): Promise<Answer> {
  return askInChat(
    membership,
    { chatId: chat.id, messages: [{ role: "user", content: input.content }], modelId: input.modelId, documentIds: input.documentIds },
    signal,
  );
}

/**
 * POST …/messages/regenerate: answers the last question again, replacing the
 * last answer; with `content`, the question is edited first.
 */
export async function regenerateAnswer(
  membership: Membership,
  chat: Chat,
  input: { content?: string; modelId?: string },
  signal: AbortSignal,
): Promise<Answer> {
  const messages = listMessages(chat.id);
  const lastQuestionIndex = messages.findLastIndex((m) => m.role === "user");
  if (lastQuestionIndex === -1) throw badRequest("This chat has no question to answer again");
  const replaced = messages.slice(lastQuestionIndex + 1);
  if (replaced.some((m) => m.status === "streaming")) throw new HttpError(409, "An answer is still streaming in this chat");
  const question = messages[lastQuestionIndex]!;
  const content = input.content ?? question.content;
  const model = usableModel(membership, input.modelId ?? chat.modelId);
  const earlier = messages.slice(0, lastQuestionIndex);
  // Asked again over the same documents: those the replaced answer cited, and the chat's knowledge bases.
  const citedDocuments = [...new Set(replaced.flatMap((m) => m.sources ?? []).map((source) => source.documentId))];
  const grounded = await grounding(membership, { question: content, earlier, documentIds: citedDocuments, chat, signal });
  return startAnswer({
    membership,
    model,
    prompt: withSources(grounded, [...asTurns(earlier), { role: "user", content }]),
    sources: grounded?.sources,
    signal,
    store: () => {
      for (const m of replaced) deleteMessage(m.id);
      if (content !== question.content) updateMessage(question.id, { content });
      return chat.modelId === model.id ? chat : updateChat(chat, { modelId: model.id });
    },
  });
}
