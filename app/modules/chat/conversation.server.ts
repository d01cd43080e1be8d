// The chat operations behind the routes: ask in a new or existing chat,
// continue a chat, answer a question again (as a new version of its answer),
// optionally after editing it (a new branch).
import type { Chat, ChatMessage } from "#db/schema";
import { assertDocumentsInWorkspace } from "~/modules/rag/documents.server";
import { groundQuestion } from "~/modules/rag/grounding.server";
import { chatKnowledgeBaseIds } from "~/modules/rag/knowledge-bases.server";
import { DEFAULT_MODEL_ID, findModel, type ModelInfo } from "~/modules/ai/models";
import type { ChatTurn } from "~/modules/ai/providers.server";
import { HttpError, badRequest, conflict } from "~/modules/http/errors";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { assertModelUsable, fitToContext, startAnswer, type Answer } from "./answer.server";
import { answersTo, currentBranch, historyBefore, requireMessage } from "./branches.server";
import { appendMessage, createChat, hasStreamingAnswer, requireChat, titleFrom, updateChat, type ChatSettings } from "./chats.server";

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
  input: { question: string; earlier: ChatTurn[]; documentIds?: string[]; chat?: Chat; signal: AbortSignal },
) {
  const knowledgeBaseIds = input.chat ? chatKnowledgeBaseIds(membership, input.chat.id) : [];
  return groundQuestion(membership.workspace.id, {
    question: input.question,
    earlierQuestions: input.earlier.filter((m) => m.role === "user").map((m) => m.content),
    scope: { documentIds: input.documentIds, knowledgeBaseIds },
    signal: input.signal,
  });
}

/**
 * The prompt: the chat's instructions, the sources, then the conversation,
 * fitted to the model's context window. `kept` is the conversation as the
 * model got it (oldest turns may have been dropped).
 */
function buildPrompt(
  model: ModelInfo,
  input: { systemPrompt?: string | null; grounded: Awaited<ReturnType<typeof grounding>>; turns: ChatTurn[] },
) {
  const instructions: ChatTurn[] = [
    ...(input.systemPrompt ? [{ role: "system" as const, content: input.systemPrompt }] : []),
    ...(input.grounded ? [{ role: "system" as const, content: input.grounded.systemPrompt }] : []),
  ];
  const prompt = fitToContext(model, [...instructions, ...input.turns]);
  return { prompt, kept: prompt.filter((turn) => !instructions.includes(turn)) };
}

/** POST /api/chat: the spec's request — a list of messages, in a new chat or an existing one. */
export async function askInChat(
  membership: Membership,
  input: { messages: ChatTurn[]; chatId?: string; modelId?: string; documentIds?: string[] } & ChatSettings,
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
  // An existing chat keeps its own history (the server's copy is the record);
  // a new chat starts from what the client sent, system prompts included.
  const branch = existing ? currentBranch(existing).messages : [];
  const turns = existing ? [...asTurns(branch), last] : input.messages;
  const grounded = await grounding(membership, {
    question: last.content,
    earlier: turns.slice(0, -1),
    documentIds: input.documentIds,
    chat: existing,
    signal,
  });
  const settings: ChatSettings = existing
    ? { systemPrompt: existing.systemPrompt, temperature: existing.temperature }
    : { systemPrompt: input.systemPrompt, temperature: input.temperature };
  const { prompt, kept } = buildPrompt(model, { systemPrompt: settings.systemPrompt, grounded, turns });

  return startAnswer({
    membership,
    model,
    prompt,
    temperature: settings.temperature,
    sources: grounded?.sources,
    signal,
    store: () => {
      const chat = existing
        ? existing.modelId === model.id
          ? existing
          : updateChat(membership, existing, { modelId: model.id })
        : createChat(membership, { title: titleFrom(last.content), modelId: model.id, ...settings });
      // Only what the model saw is stored: a new chat's turns dropped to fit the context are not.
      const newTurns = existing ? [last] : kept;
      let parentId = branch.at(-1)?.id ?? null;
      for (const turn of newTurns)
        parentId = appendMessage({
          chatId: chat.id,
          parentId,
          role: turn.role,
          content: turn.content,
          authorId: turn.role === "user" ? membership.user.id : null,
        }).id;
      return { chat, parentId: parentId! };
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
 * POST …/messages/regenerate: answers a question again — the last one of the
 * current branch, or `messageId` — as a new version of its answer; the older
 * versions stay. With `content`, an edited copy of the question is asked
 * instead, starting a new branch beside the old one.
 */
export async function regenerateAnswer(
  membership: Membership,
  chat: Chat,
  input: { content?: string; modelId?: string; messageId?: string; documentIds?: string[] },
  signal: AbortSignal,
): Promise<Answer> {
  const question = input.messageId
    ? requireMessage(chat, input.messageId)
    : currentBranch(chat).messages.findLast((m) => m.role === "user");
  if (!question) throw badRequest("This chat has no question to answer again");
  if (question.role !== "user")
    throw new HttpError(422, "Only a question can be answered again", [{ path: "messageId", message: "Not a question" }]);
  if (hasStreamingAnswer(chat.id)) throw conflict("An answer is still streaming in this chat");
  assertDocumentsInWorkspace(membership.workspace.id, input.documentIds ?? []);
  const content = input.content ?? question.content;
  const model = usableModel(membership, input.modelId ?? chat.modelId);
  const earlier = asTurns(historyBefore(chat.id, question.id));
  // Asked again over the same documents: those the earlier answers cited, those named, and the chat's knowledge bases.
  const citedDocuments = [...new Set([...citedBy(chat, question.id), ...(input.documentIds ?? [])])];
  const grounded = await grounding(membership, { question: content, earlier, documentIds: citedDocuments, chat, signal });
  const { prompt } = buildPrompt(model, { systemPrompt: chat.systemPrompt, grounded, turns: [...earlier, { role: "user", content }] });
  return startAnswer({
    membership,
    model,
    prompt,
    temperature: chat.temperature,
    sources: grounded?.sources,
    signal,
    store: () => {
      const edited =
        content === question.content
          ? question
          : appendMessage({ chatId: chat.id, parentId: question.parentId, role: "user", content, authorId: membership.user.id });
      return { chat: chat.modelId === model.id ? chat : updateChat(membership, chat, { modelId: model.id }), parentId: edited.id };
    },
  });
}

/** The documents the answers to a question (every version of them) cited. */
function citedBy(chat: Chat, questionId: string): string[] {
  return answersTo(chat.id, questionId).flatMap((m) => (m.sources ?? []).map((s) => s.documentId));
}
