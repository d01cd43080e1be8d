// Answers asked through the OpenAI-compatible API (/v1). Each request carries
// its whole conversation, so each becomes a new chat of the workspace, marked
// "api", holding the turns the model saw and the answer: paid, stored and
// settled exactly as an answer in the app is.
import type { MessageSource } from "#db/schema";
import type { ModelInfo } from "~/modules/ai/models";
import type { ChatTurn } from "~/modules/ai/providers.server";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { fitToContext, startAnswer, type Answer } from "./answer.server";
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
  const sourcesTurn: ChatTurn | null = grounding ? { role: "system", content: grounding.systemPrompt } : null;
  const prompt = fitToContext(model, sourcesTurn ? [sourcesTurn, ...turns] : turns);
  return startAnswer({
    membership,
    model,
    prompt,
    sources: grounding?.sources,
    maxOutputTokens: input.maxOutputTokens,
    temperature: input.temperature,
    stop: input.stop,
    usageDescription: `API answer with ${model.label}`,
    signal: input.signal,
    store: () => {
      const chat = createChat(membership, { title: titleFrom(question), modelId: model.id, source: "api" });
      // Only what the model saw: turns dropped to fit its context window are not kept.
      let parentId: string | null = null;
      for (const turn of prompt)
        if (turn !== sourcesTurn)
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
