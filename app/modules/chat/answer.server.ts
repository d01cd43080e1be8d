// One assistant answer, from credit hold to settled message. The answer is
// driven here, not by the HTTP response: it is stored as it streams and
// settled when it ends, whether the reader stays, stops or disappears.
import { randomUUID } from "node:crypto";
import type { Chat, MessageSource } from "#db/schema";
import { estimateCostCredits, findModel, modelAllowedForTier, type ModelInfo } from "~/modules/ai/models";
import { ProviderError, providerStatus, streamCompletionTo, type ChatTurn, type CompletionEvent } from "~/modules/ai/providers.server";
import { listHolds, reserveCredits, settleCredits, workspacePlan } from "~/modules/billing/credits.server";
import { PLANS } from "~/modules/billing/plans";
import { transaction } from "~/modules/db/database.server";
import { HttpError } from "~/modules/http/errors";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { setCurrentMessage } from "./branches.server";
import { appendMessage, finishStreamedMessage, markStreamingMessagesInterrupted, saveStreamingText, updateMessage } from "./chats.server";
import { logError, logger } from "~/modules/log/logger.server";

export type AnswerEvent =
  | { type: "delta"; text: string }
  | { type: "done"; status: "complete" | "stopped"; credits: number; inputTokens: number; outputTokens: number }
  | { type: "error"; error: string; credits: number };

export type Answer = {
  chatId: string;
  messageId: string;
  modelId: string;
  sources: MessageSource[];
  /**
   * Hands the answer's events to `listener` as they happen, those so far
   * first, ending with one "done" or "error" (an answer has one listener).
   * The returned function stops listening and stops the answer.
   */
  listen(listener: (event: AnswerEvent) => void): (reason?: unknown) => void;
};

// Tokens are estimated before the provider counts them: generously (3
// characters a token) for the worst-case hold, closer to typical (4) when a
// stopped stream has to be billed without the provider's count.
const TURN_OVERHEAD_TOKENS = 4;
export const holdTokens = (turns: ChatTurn[]) => turns.reduce((n, t) => n + Math.ceil(t.content.length / 3) + TURN_OVERHEAD_TOKENS, 0);
export const likelyTokens = (text: string) => Math.ceil(text.length / 4);
// How often streaming answers' text is saved: what a crash can lose at most.
const FLUSH_INTERVAL_MS = 1000;

// The text of every answer still streaming, saved together about once a
// second: one transaction for all open answers rather than a commit per answer.
const unsaved = new Map<string, string>();
let flushTimer: NodeJS.Timeout | undefined;
function saveLater(messageId: string, text: string) {
  unsaved.set(messageId, text);
  flushTimer ??= setTimeout(flushUnsaved, FLUSH_INTERVAL_MS);
}
function flushUnsaved() {
  flushTimer = undefined;
  const pending = [...unsaved];
  unsaved.clear();
  try {
    transaction(() => {
      for (const [messageId, text] of pending) saveStreamingText(messageId, text);
    });
  } catch (error) {
    // Tried again in a second (nothing else runs while this synchronous flush does).
    for (const [messageId, text] of pending) saveLater(messageId, text);
    logError(error, "chat: streaming answers could not be saved");
  }
}

/** Refuses a model the workspace's plan or Cairn's configuration does not allow (403 / 503). */
export function assertModelUsable(membership: Membership, model: ModelInfo) {
  const { plan } = workspacePlan(membership.workspace.id);
  if (!modelAllowedForTier(model, plan))
    throw new HttpError(403, `${model.label} is not included in the ${PLANS[plan].label} plan. Upgrade to use it.`);
  if (!providerStatus(model.provider).available)
    throw new HttpError(503, `${model.label} is unavailable: its provider has no API key configured on this server.`);
}

/** Drops the oldest turns (system turns stay) until the prompt fits the model's context window. */
export function fitToContext(model: ModelInfo, turns: ChatTurn[]): ChatTurn[] {
  const budget = model.contextWindow - model.maxOutputTokens;
  const fitted = [...turns];
  while (holdTokens(fitted) > budget) {
    const oldest = fitted.findIndex((t, i) => t.role !== "system" && i < fitted.length - 1);
    if (oldest === -1) throw new HttpError(422, "The message is too long for this model's context window");
    fitted.splice(oldest, 1);
  }
  return fitted;
}

/**
 * Holds the worst-case cost (402 if the workspace cannot pay) and starts the
 * model. Nothing is written until the model has sent its first text: then
 * `store` writes the chat and the question (returning the message the answer
 * follows) and the answer is added as the chat's current message. A provider
 * that fails up front is a clean 502 that charged and stored nothing, so
 * asking again does not leave the question twice.
 */
export async function startAnswer(args: {
  membership: Membership;
  model: ModelInfo;
  /** What the model gets, already fitted to its context window (fitToContext). */
  prompt: ChatTurn[];
  store: () => { chat: Chat; parentId: string };
  signal: AbortSignal;
  /** The numbered sources the prompt carries (RAG), kept with the answer. */
  sources?: MessageSource[];
  /** Sampling the chat or the caller chose: a smaller output cap also holds fewer credits. */
  maxOutputTokens?: number;
  temperature?: number | null;
  stop?: string[];
  /** How the ledger names the charge. */
  usageDescription?: string;
}): Promise<Answer> {
  const { membership, model, prompt, signal } = args;
  const messageId = randomUUID();
  const inputEstimate = holdTokens(prompt);
  const maxOutputTokens = Math.min(args.maxOutputTokens ?? model.maxOutputTokens, model.maxOutputTokens);
  reserveCredits(membership.workspace.id, messageId, estimateCostCredits(model, inputEstimate, maxOutputTokens), membership.user.id);

  const upstreamAbort = new AbortController();
  const onAbort = () => upstreamAbort.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  // What the model sends before the answer is stored waits here; after, it goes to `take` as it arrives.
  let early: CompletionEvent[][] | undefined = [];
  let firstArrived!: () => void;
  const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
  const streamed = streamCompletionTo(
    {
      model,
      messages: prompt,
      maxOutputTokens,
      temperature: args.temperature ?? undefined,
      stop: args.stop,
      signal: upstreamAbort.signal,
    },
    (batch) => {
      if (!early) return take(batch);
      early.push(batch);
      firstArrived();
    },
  );

  let text = "";
  let usage: { inputTokens: number; outputTokens: number } | undefined;
  const settle = (status: "complete" | "stopped" | "failed", error?: string) => {
    signal.removeEventListener("abort", onAbort);
    unsaved.delete(messageId);
    const inputTokens = usage?.inputTokens ?? likelyTokens(prompt.map((t) => t.content).join(""));
    const outputTokens = usage?.outputTokens ?? likelyTokens(text);
    // The charge and the stored answer change together.
    return transaction(() => {
      const credits = settleCredits(messageId, {
        credits: text || usage ? estimateCostCredits(model, inputTokens, outputTokens) : 0,
        description: args.usageDescription ?? `Chat answer with ${model.label}`,
        userId: membership.user.id,
        modelId: model.id,
        inputTokens,
        outputTokens,
      });
      finishStreamedMessage(messageId, { content: text, status, error: error ?? null, inputTokens, outputTokens, credits });
      return { credits, inputTokens, outputTokens };
    });
  };
  const release = () => {
    signal.removeEventListener("abort", onAbort);
    settleCredits(messageId, { credits: 0, description: `Chat answer with ${model.label}` });
  };
  const failureMessage = (error: unknown) =>
    error instanceof ProviderError ? error.message : "The answer failed on the server. Try again.";

  // Wait for the first text (or the end) before storing anything or answering the HTTP request.
  try {
    await Promise.race([arrived, streamed]);
  } catch (error) {
    release();
    if (signal.aborted) throw new HttpError(499, "The request was cancelled");
    if (!(error instanceof ProviderError)) logError(error, "chat: the provider call failed");
    throw new HttpError(502, failureMessage(error));
  }

  let chat: Chat;
  try {
    chat = transaction(() => {
      const stored = args.store();
      // The input estimate is stored now so a crash mid-stream can still be billed (recoverInterruptedAnswers).
      appendMessage({
        id: messageId,
        chatId: stored.chat.id,
        parentId: stored.parentId,
        role: "assistant",
        content: "",
        status: "streaming",
        modelId: model.id,
        inputTokens: inputEstimate,
        sources: args.sources?.length ? args.sources : null,
      });
      setCurrentMessage(stored.chat.id, messageId);
      return stored.chat;
    });
  } catch (error) {
    upstreamAbort.abort(error);
    streamed.catch(() => {}); // stopped on purpose
    release();
    throw error;
  }

  // The events go straight to the one listener (the HTTP response), or wait for it.
  let listener: ((event: AnswerEvent) => void) | undefined;
  let waiting: AnswerEvent[] | undefined = [];
  const emit = (event: AnswerEvent) => {
    if (!listener) return void waiting?.push(event);
    try {
      listener(event);
    } catch {
      // The reader went away; the answer still runs to its end and is stored.
    }
  };
  // A batch is what one read of the provider's stream brought: its text goes out as one delta.
  const take = (batch: CompletionEvent[]) => {
    let delta = "";
    for (const value of batch)
      if (value.type === "usage") usage = { inputTokens: value.inputTokens, outputTokens: value.outputTokens };
      else delta += value.text;
    if (!delta) return;
    text += delta;
    emit({ type: "delta", text: delta });
    saveLater(messageId, text);
  };
  const stored = early;
  early = undefined;
  for (const batch of stored) take(batch);
  streamed
    .then(
      () => emit({ type: "done", status: "complete", ...settle("complete") }),
      (error: unknown) => {
        if (signal.aborted || upstreamAbort.signal.aborted) return emit({ type: "done", status: "stopped", ...settle("stopped") });
        if (!(error instanceof ProviderError)) logError(error, "chat: the stream failed");
        const message = failureMessage(error);
        emit({ type: "error", error: message, credits: settle("failed", message).credits });
      },
    )
    // Settling failed (the database): the reader still gets an end.
    .catch((error: unknown) => {
      logError(error, "chat: the answer could not be settled");
      emit({ type: "error", error: failureMessage(error), credits: 0 });
    });

  const listen = (next: (event: AnswerEvent) => void) => {
    if (!waiting) throw new Error("An answer has one listener");
    const before = waiting;
    waiting = undefined;
    listener = next;
    for (const event of before) emit(event);
    return (reason?: unknown) => {
      listener = undefined;
      upstreamAbort.abort(reason);
    };
  };
  return { chatId: chat.id, messageId, modelId: model.id, sources: args.sources ?? [], listen };
}

/**
 * At start-up (on the primary): answers that were streaming when the process
 * died are marked interrupted, keeping their text, and their holds are settled
 * for what they produced. Holds without an answer are released.
 */
export function recoverInterruptedAnswers() {
  const interrupted = new Map(markStreamingMessagesInterrupted().map((m) => [m.id, m]));
  for (const hold of listHolds()) {
    const message = interrupted.get(hold.id);
    const model = message?.modelId ? findModel(message.modelId) : undefined;
    if (!message || !model) {
      settleCredits(hold.id, { credits: 0, description: "Released hold" });
      continue;
    }
    const inputTokens = message.inputTokens ?? 0;
    const outputTokens = likelyTokens(message.content);
    const credits = settleCredits(hold.id, {
      credits: message.content ? estimateCostCredits(model, inputTokens, outputTokens) : 0,
      description: `Chat answer with ${model.label} (interrupted)`,
      userId: null,
      modelId: model.id,
      inputTokens,
      outputTokens,
    });
    updateMessage(message.id, { credits, outputTokens });
  }
  if (interrupted.size) logger().warn(`chat: ${interrupted.size} answer(s) interrupted by a restart were kept as partial answers`);
}
