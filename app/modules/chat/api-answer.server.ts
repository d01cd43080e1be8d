// Answers asked through the OpenAI-compatible API (/v1). Each request carries
// its whole conversation, so each becomes a new chat of the workspace, marked
// "api", holding the turns it sent and the answer: paid, stored and settled
// exactly as an answer in the app is.
import type { MessageSource } from "#db/schema";
import type { ModelInfo } from "~/modules/ai/models";
import type { ChatTurn } from "~/modules/ai/providers.server";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { startAnswer, type Answer } from "./answer.server";
import { appendMessage, createChat, titleFrom } from "./chats.server";

export async function startApiAnswer(
  membership: Membership,
  input: {
    model: ModelInfo;
    /** The conversation as the request sent it. */
    turns: ChatTurn[];
    /** The system prompt that grounds the answer in documents, with its sources. */
    grounding: { systemPrompt: string; sources: MessageSource[] } | null;
    maxOutputTokens?: number;
    temperature?: number;
    stop?: string[];
    signal: AbortSignal;
  },
): Promise<Answer> {
  const { model, turns, grounding } = input;
  const question = turns.findLast((turn) => turn.role === "user")?.content ?? "";
  return startAnswer({
    membership,
    model,
    prompt: grounding ? [{ role: "system", content: grounding.systemPrompt }, ...turns] : turns,
    sources: grounding?.sources,
    maxOutputTokens: input.maxOutputTokens,
    temperature: input.temperature,
    stop: input.stop,
    usageDescription: `API answer with ${model.label}`,
    signal: input.signal,
    store: () => {
      const chat = createChat(membership, { title: titleFrom(question), modelId: model.id, source: "api" });
      for (const turn of turns)
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
