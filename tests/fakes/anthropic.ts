// A loopback stand-in for the Anthropic Messages API (POST /v1/messages),
// speaking its real event stream, on the machinery shared with ./openai.
import { randomUUID } from "node:crypto";
import { startStandIn, textOf, type EndReason, type ModelStandIn, type StandInOptions, type WireFormat } from "./openai";

const ANTHROPIC_ERRORS: Record<number, { type: string; message: string }> = {
  400: { type: "invalid_request_error", message: "Invalid request." },
  401: { type: "authentication_error", message: "invalid x-api-key" },
  403: { type: "permission_error", message: "Your API key does not have permission to use the specified resource." },
  404: { type: "not_found_error", message: "The requested resource could not be found." },
  429: { type: "rate_limit_error", message: "Number of requests has exceeded your rate limit. Please try again later." },
  500: { type: "api_error", message: "Internal server error" },
  529: { type: "overloaded_error", message: "Overloaded" },
};

const ANTHROPIC_STOP: Record<EndReason, string> = { complete: "end_turn", stop: "stop_sequence", length: "max_tokens" };

const sse = (event: { type: string; [field: string]: unknown }) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

const anthropicFormat: WireFormat = {
  provider: "Anthropic",
  keyVariable: "ANTHROPIC_API_KEY",
  basePath: "",
  endpoint: "/v1/messages",
  authorized: (req, apiKey) => req.headers["x-api-key"] === apiKey || req.headers.authorization === `Bearer ${apiKey}`,
  errorBody(status, message) {
    const known = ANTHROPIC_ERRORS[status] ?? (status >= 500 ? ANTHROPIC_ERRORS[500]! : ANTHROPIC_ERRORS[400]!);
    return { type: "error", error: { type: known.type, message: message ?? known.message }, request_id: `req_${randomUUID()}` };
  },
  prompt(body) {
    const messages: { role?: string; content?: unknown }[] = Array.isArray(body.messages) ? body.messages : [];
    return {
      chars: textOf(body.system).length + messages.reduce((n, m) => n + textOf(m.content).length, 0),
      lastUserText: textOf(messages.findLast((m) => m.role === "user")?.content),
      systemText: textOf(body.system),
    };
  },
  limits: (body) => ({ stop: Array.isArray(body.stop_sequences) ? body.stop_sequences : [], maxTokens: body.max_tokens }),
  openStream(body, promptTokens) {
    const message = {
      id: `msg_${randomUUID()}`,
      type: "message",
      role: "assistant",
      model: body.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: promptTokens, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    };
    return {
      start:
        sse({ type: "message_start", message }) +
        sse({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }) +
        sse({ type: "ping" }),
      text: (text) => sse({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }),
      end: (completionTokens, reason) =>
        sse({ type: "content_block_stop", index: 0 }) +
        sse({
          type: "message_delta",
          delta: { stop_reason: ANTHROPIC_STOP[reason], stop_sequence: null },
          usage: { output_tokens: completionTokens },
        }) +
        sse({ type: "message_stop" }),
      failure: sse({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }),
    };
  },
  completion(body, text, { promptTokens, completionTokens }, reason) {
    return {
      id: `msg_${randomUUID()}`,
      type: "message",
      role: "assistant",
      model: body.model,
      content: [{ type: "text", text }],
      stop_reason: ANTHROPIC_STOP[reason],
      stop_sequence: null,
      usage: { input_tokens: promptTokens, output_tokens: completionTokens },
    };
  },
};

/** The Anthropic stand-in; point the SDK at `baseURL` (no /v1: the SDK adds it) with `apiKey`. */
export function startAnthropicStandIn(options: StandInOptions = {}): Promise<ModelStandIn> {
  return startStandIn(anthropicFormat, { ...options, apiKey: options.apiKey ?? "test-anthropic-key" });
}
