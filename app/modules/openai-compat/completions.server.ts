// POST /v1/chat/completions: an OpenAI request translated into a Cairn
// answer (any catalog model; the provider layer speaks Anthropic's format
// where needed), grounded in the documents and knowledge bases it names, and
// paid like every answer. The answer goes back in OpenAI's wire format.
import { findModel, type ModelInfo } from "~/modules/ai/models";
import type { ChatTurn } from "~/modules/ai/providers.server";
import { assertModelUsable } from "~/modules/chat/answer.server";
import { startApiAnswer } from "~/modules/chat/api-answer.server";
import { HttpError } from "~/modules/http/errors";
import { OpenAiError } from "~/modules/http/openai-errors.server";
import { assertDocumentsInWorkspace } from "~/modules/rag/documents.server";
import { groundQuestion } from "~/modules/rag/grounding.server";
import { requireKnowledgeBase } from "~/modules/rag/knowledge-bases.server";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { modelNotFound } from "./models.server";
import type { ChatCompletionRequest } from "./schemas";
import { completionResponse, completionStream } from "./wire.server";

// Anthropic samples between 0 and 1, OpenAI between 0 and 2: above 1 is Anthropic's most random.
const ANTHROPIC_MAX_TEMPERATURE = 1;

type Message = ChatCompletionRequest["messages"][number];

const textOf = (content: Message["content"]): string =>
  typeof content === "string" ? content : (content ?? []).map((part) => part.text).join("\n");

/** The conversation as Cairn's turns: developer messages are system messages; empty ones say nothing and are left out. */
function turnsOf(messages: Message[]): ChatTurn[] {
  const turns = messages
    .map((m): ChatTurn => ({ role: m.role === "developer" ? "system" : m.role, content: textOf(m.content) }))
    .filter((turn) => turn.content.trim().length > 0);
  if (!turns.some((turn) => turn.role === "user"))
    throw new OpenAiError(400, "Send at least one user message with text in it", { param: "messages" });
  return turns;
}

function usableModel(membership: Membership, id: string): ModelInfo {
  const model = findModel(id);
  if (!model) throw modelNotFound(id);
  assertModelUsable(membership, model);
  return model;
}

/** The grounding the request names, checked against the key's workspace (400 naming the field otherwise). */
function groundingScope(membership: Membership, body: ChatCompletionRequest) {
  const documentIds = body.document_ids ?? [];
  const knowledgeBaseIds = body.knowledge_base_ids ?? [];
  try {
    assertDocumentsInWorkspace(membership.workspace.id, documentIds);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const missing = error.issues?.[0];
    throw new OpenAiError(400, missing?.message ?? error.message, { param: missing?.path.replace(/^documentIds/, "document_ids") });
  }
  knowledgeBaseIds.forEach((id, i) => {
    try {
      requireKnowledgeBase(membership, id);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      throw new OpenAiError(400, `No knowledge base ${id} in this workspace`, { param: `knowledge_base_ids.${i}` });
    }
  });
  return { documentIds, knowledgeBaseIds, requested: documentIds.length + knowledgeBaseIds.length > 0 };
}

export async function createChatCompletion(membership: Membership, body: ChatCompletionRequest, signal: AbortSignal): Promise<Response> {
  const turns = turnsOf(body.messages);
  const model = usableModel(membership, body.model);
  const scope = groundingScope(membership, body);
  const questions = turns.filter((turn) => turn.role === "user").map((turn) => turn.content);
  const grounding = scope.requested
    ? await groundQuestion(membership.workspace.id, {
        question: questions.at(-1)!,
        earlierQuestions: questions.slice(0, -1),
        scope: { documentIds: scope.documentIds, knowledgeBaseIds: scope.knowledgeBaseIds },
        signal,
      })
    : null;

  const maxOutputTokens = Math.min(body.max_completion_tokens ?? body.max_tokens ?? model.maxOutputTokens, model.maxOutputTokens);
  const temperature =
    body.temperature == null
      ? undefined
      : model.provider === "anthropic"
        ? Math.min(body.temperature, ANTHROPIC_MAX_TEMPERATURE)
        : body.temperature;
  const stop = body.stop == null ? undefined : typeof body.stop === "string" ? [body.stop] : body.stop;

  const answer = await startApiAnswer(membership, { model, turns, grounding, maxOutputTokens, temperature, stop, signal });
  const shape = { model: model.id, maxOutputTokens, grounded: scope.requested };
  return body.stream
    ? completionStream(answer, { ...shape, includeUsage: body.stream_options?.include_usage === true })
    : completionResponse(answer, shape);
}
