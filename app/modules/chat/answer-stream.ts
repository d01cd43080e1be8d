// The browser's side of a streamed answer: POSTs to a chat route asking for
// server-sent events and reports each event as it arrives. Used by the chat
// page; the server side is answer-response.server.ts.
import { EventSourceParserStream } from "eventsource-parser/stream";
import type { MessageSource } from "#db/schema";

export type AnswerStreamEvent =
  | { type: "meta"; chatId: string; messageId: string; modelId: string; sources: MessageSource[] }
  | { type: "delta"; text: string }
  | { type: "done"; status: "complete" | "stopped"; credits: number; inputTokens: number; outputTokens: number }
  | { type: "error"; error: string; credits: number };

/** A refusal before any answer began (402, 403, 422, …), with the API's error text. */
export class AnswerRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function streamAnswer(
  url: string,
  body: unknown,
  onEvent: (event: AnswerStreamEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok || !response.body) {
    const payload = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new AnswerRefused(response.status, payload?.error ?? `The request failed (${response.status}).`);
  }
  const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  for await (const message of events) {
    onEvent({ type: message.event, ...JSON.parse(message.data) } as AnswerStreamEvent);
  }
}
