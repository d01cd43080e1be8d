// Streams a completion from OpenAI or Anthropic through their own SDKs, as
// one shape of events. Any OpenAI-compatible server (Ollama, vLLM, llama.cpp)
// works through OPENAI_BASE_URL; the loopback stand-ins in tests/fakes too.
import Anthropic, { APIConnectionError as AnthropicConnectionError, APIError as AnthropicAPIError } from "@anthropic-ai/sdk";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import OpenAI, { APIConnectionError as OpenAIConnectionError, APIError as OpenAIAPIError, toFile } from "openai";
import { env } from "~/modules/config/env.server";
import { httpFetch, takeBody } from "./http-fetch.server";
import type { ModelInfo, Provider } from "./models";

export type ChatTurn = { role: "system" | "user" | "assistant"; content: string };

export type CompletionEvent = { type: "text"; text: string } | { type: "usage"; inputTokens: number; outputTokens: number };

const PROVIDER_NAMES: Record<Provider, string> = { openai: "OpenAI", anthropic: "Anthropic" };
const KEY_VARIABLES: Record<Provider, string> = { openai: "OPENAI_API_KEY", anthropic: "ANTHROPIC_API_KEY" };

function credentials(provider: Provider) {
  const config = env();
  return provider === "openai"
    ? { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL }
    : { apiKey: config.ANTHROPIC_API_KEY, baseURL: config.ANTHROPIC_BASE_URL };
}

/** The provider's model name: `MODEL_UPSTREAM_<ID>` when set (providers retire ids), else the catalog's. */
export function upstreamModelName(model: ModelInfo): string {
  const variable = `MODEL_UPSTREAM_${model.id.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
  return process.env[variable]?.trim() || model.upstream;
}

/** Available: the provider has a key. Offline: STAND_INS says a loopback stand-in answers for it. */
export function providerStatus(provider: Provider): { available: boolean; offline: boolean } {
  const { apiKey } = credentials(provider);
  return { available: Boolean(apiKey), offline: env().STAND_INS.includes(provider) };
}

/** A provider failure, worded for the person who asked. `status` is absent for failures mid-stream or in transit. */
export class ProviderError extends Error {
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(message: string, options: { status?: number; retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = "ProviderError";
    this.status = options.status;
    this.retryable = options.retryable;
  }
}

function toProviderError(error: unknown, provider: Provider): ProviderError {
  if (error instanceof ProviderError) return error;
  const name = `The model provider (${PROVIDER_NAMES[provider]})`;
  if (error instanceof OpenAIConnectionError || error instanceof AnthropicConnectionError)
    return new ProviderError(`${name} could not be reached: ${error.message}`, { retryable: true, cause: error });
  if (error instanceof OpenAIAPIError || error instanceof AnthropicAPIError) {
    const detail = providerDetail(error);
    const { status } = error;
    if (status === undefined) return new ProviderError(`${name} failed mid-answer: ${detail}`, { retryable: true, cause: error });
    if (status === 429)
      return new ProviderError(`${name} is rate-limiting requests (429): ${detail}`, { status, retryable: true, cause: error });
    if (status >= 500) return new ProviderError(`${name} failed (${status}): ${detail}`, { status, retryable: true, cause: error });
    return new ProviderError(`${name} refused the request (${status}): ${detail}`, { status, retryable: false, cause: error });
  }
  // Anything else comes from the transport mid-stream (e.g. undici's "terminated").
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError(`${name} connection failed mid-answer: ${detail}`, { retryable: true, cause: error });
}

// The SDKs' own messages prefix the status and, for Anthropic, inline the whole JSON body.
function providerDetail(error: OpenAIAPIError | AnthropicAPIError): string {
  if (error instanceof AnthropicAPIError) return error.apiMessage ?? error.message;
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === "string" ? body.message : error.message;
}

// One client per (key, base URL, use): they hold connection pools worth reusing.
// No SDK retries: a person is waiting and credits are held, so a failure is
// reported at once and `retryable` lets the caller offer to try again.
// Streamed completions go through httpFetch (far less CPU per chunk); other calls through the SDKs' default fetch.
type ClientUse = "stream" | "call";
const openaiClients = new Map<string, OpenAI>();
const anthropicClients = new Map<string, Anthropic>();

function openaiClient(apiKey: string, baseURL: string | undefined, use: ClientUse = "call"): OpenAI {
  const key = `${apiKey}\n${baseURL ?? ""}\n${use}`;
  let client = openaiClients.get(key);
  if (!client)
    openaiClients.set(key, (client = new OpenAI({ apiKey, baseURL, maxRetries: 0, ...(use === "stream" ? { fetch: httpFetch } : {}) })));
  return client;
}

function anthropicClient(apiKey: string, baseURL: string | undefined): Anthropic {
  const key = `${apiKey}\n${baseURL ?? ""}`;
  let client = anthropicClients.get(key);
  if (!client) anthropicClients.set(key, (client = new Anthropic({ apiKey, baseURL, maxRetries: 0, fetch: httpFetch })));
  return client;
}

/**
 * Streams text as it arrives, then one usage event when the provider reports
 * it. Failures throw ProviderError; a stop through `signal` rejects with the
 * signal's abort reason instead, so the caller can tell the two apart.
 */
export async function* streamCompletion(args: CompletionRequest): AsyncGenerator<CompletionEvent> {
  // streamCompletionTo pushes; this generator is pulled: what arrives waits here for the next pull.
  const stop = new AbortController();
  const signal = AbortSignal.any([args.signal, stop.signal]);
  const arrived: CompletionEvent[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  let failure: { error: unknown } | undefined;
  const streamed = streamCompletionTo({ ...args, signal }, (batch) => {
    arrived.push(...batch);
    wake?.();
  }).then(
    () => void (ended = true),
    (error: unknown) => void (failure = { error }),
  );
  try {
    for (;;) {
      if (arrived.length) yield* arrived.splice(0);
      else if (failure) throw failure.error;
      else if (ended) return;
      else await Promise.race([new Promise<void>((resolve) => (wake = resolve)), streamed]);
    }
  } finally {
    // The caller stopped reading early: close the provider's stream.
    if (!ended && !failure) stop.abort(new Error("The reader stopped"));
    await streamed;
  }
}

type CompletionRequest = {
  model: ModelInfo;
  messages: ChatTurn[];
  maxOutputTokens: number;
  /** Sampling temperature; the provider's default when absent. */
  temperature?: number;
  /** Sequences that end the answer where they would appear (not included in it). */
  stop?: string[];
  signal: AbortSignal;
};

/**
 * streamCompletion's events handed to `onBatch` as they come off the network:
 * one batch per read of the provider's response, synchronously in the
 * socket's read (the chat's per-token path: no web stream, no promise per
 * token). The SDKs make the request and raise its refusals as their errors;
 * the server-sent events are parsed here. Resolves when the provider says the
 * answer is complete; rejects as streamCompletion throws.
 */
export async function streamCompletionTo(args: CompletionRequest, onBatch: (batch: CompletionEvent[]) => void): Promise<void> {
  const { model, signal } = args;
  const { apiKey, baseURL } = credentials(model.provider);
  if (!apiKey)
    throw new ProviderError(`${PROVIDER_NAMES[model.provider]} is not configured: set ${KEY_VARIABLES[model.provider]}`, {
      retryable: false,
    });
  const request = { ...args, upstream: upstreamModelName(model) };
  let finished: boolean;
  try {
    const response =
      model.provider === "openai"
        ? await openAIRequest(openaiClient(apiKey, baseURL, "stream"), request)
        : await anthropicRequest(anthropicClient(apiKey, baseURL), request);
    const events = model.provider === "openai" ? openAIEvents(response.headers) : anthropicEvents(response.headers);
    const body = takeBody(response);
    if (!body) throw new TypeError("The provider's answer has no body");
    finished = await new Promise<boolean>((resolve, reject) => {
      const batch: CompletionEvent[] = [];
      const parser = createParser({ onEvent: (message) => events.take(message, batch) });
      const handOver = () => {
        if (batch.length) onBatch(batch.splice(0));
      };
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        body.destroy();
        reject(error ?? new Error("The provider's stream failed"));
      };
      const cutShort = () => fail(signal.aborted ? signal.reason : new TypeError("terminated"));
      if (body.destroyed) return cutShort();
      body.setEncoding("utf8");
      body.on("data", (chunk: string) => {
        if (failed) return;
        try {
          try {
            parser.feed(chunk);
          } finally {
            // The text that came before a failure event in the same read is still the answer's.
            handOver();
          }
        } catch (error) {
          fail(error);
        }
      });
      body.once("end", () => {
        if (failed) return;
        try {
          const complete = events.end(batch);
          handOver();
          resolve(complete);
        } catch (error) {
          fail(error);
        }
      });
      // Cut short: the provider's connection dropped, or the signal destroyed the request.
      body.once("close", () => {
        if (!body.readableEnded) cutShort();
      });
    });
  } catch (error) {
    // A stop surfaces as the SDK's APIUserAbortError (an APIError) or the body's abort: the signal decides.
    signal.throwIfAborted();
    throw toProviderError(error, model.provider);
  }
  // A stream that just ends, without the provider saying it is complete, was cut short.
  if (finished) return;
  signal.throwIfAborted();
  throw new ProviderError(`The model provider (${PROVIDER_NAMES[model.provider]}) ended the answer before it was complete`, {
    retryable: true,
  });
}

type UpstreamRequest = {
  upstream: string;
  messages: ChatTurn[];
  maxOutputTokens: number;
  temperature?: number;
  stop?: string[];
  signal: AbortSignal;
};

/** What a provider's server-sent events say: `take` adds an event's text to `out`, `end` the usage and whether it completed. */
type ProviderEvents = {
  take(message: EventSourceMessage, out: CompletionEvent[]): void;
  end(out: CompletionEvent[]): boolean;
};

function openAIRequest(client: OpenAI, request: UpstreamRequest): Promise<Response> {
  return client.chat.completions
    .create(
      {
        model: request.upstream,
        messages: request.messages,
        stream: true,
        stream_options: { include_usage: true },
        max_completion_tokens: request.maxOutputTokens,
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.stop?.length ? { stop: request.stop } : {}),
      },
      { signal: request.signal },
    )
    .asResponse();
}

function openAIEvents(headers: Headers): ProviderEvents {
  let finished = false;
  let usage: OpenAI.CompletionUsage | undefined;
  return {
    take({ event, data }, out) {
      if (data === "[DONE]") return;
      const chunk = JSON.parse(data) as OpenAI.ChatCompletionChunk & { error?: unknown };
      // The SDK's own reading of a failure event, so it is worded like any other.
      if (event === "error" || chunk.error) throw new OpenAIAPIError(undefined, chunk.error ?? chunk, undefined, headers);
      const choice = chunk.choices?.[0];
      if (choice?.delta?.content) out.push({ type: "text", text: choice.delta.content });
      if (choice?.finish_reason) finished = true;
      // Some compatible servers report usage on every chunk; the last one is the total.
      if (chunk.usage) usage = chunk.usage;
    },
    end(out) {
      if (usage) out.push({ type: "usage", inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens });
      return finished;
    },
  };
}

function anthropicRequest(client: Anthropic, request: UpstreamRequest): Promise<Response> {
  const system = request.messages
    .filter((turn) => turn.role === "system")
    .map((turn) => turn.content)
    .join("\n\n");
  return client.messages
    .create(
      {
        model: request.upstream,
        ...(system ? { system } : {}),
        messages: alternatingTurns(request.messages),
        max_tokens: request.maxOutputTokens,
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.stop?.length ? { stop_sequences: request.stop } : {}),
        stream: true,
      },
      { signal: request.signal },
    )
    .asResponse();
}

function anthropicEvents(headers: Headers): ProviderEvents {
  let finished = false;
  let inputTokens: number | undefined;
  let outputTokens: number | undefined;
  return {
    take({ event, data }, out) {
      if (event === "error") {
        const body = parseOr(data) as { error?: { type?: Anthropic.ErrorType } } | string;
        throw new AnthropicAPIError(undefined, body, undefined, headers, typeof body === "object" ? body.error?.type : undefined);
      }
      if (!event || event === "ping" || !data) return;
      const message = JSON.parse(data) as Anthropic.RawMessageStreamEvent;
      switch (message.type) {
        case "message_start":
          inputTokens = message.message.usage.input_tokens;
          outputTokens = message.message.usage.output_tokens;
          break;
        case "content_block_delta":
          if (message.delta.type === "text_delta" && message.delta.text) out.push({ type: "text", text: message.delta.text });
          break;
        case "message_delta":
          // Counts here are cumulative; input_tokens appears only in newer API versions.
          inputTokens = message.usage.input_tokens ?? inputTokens;
          outputTokens = message.usage.output_tokens;
          break;
        case "message_stop":
          finished = true;
          break;
      }
    },
    end(out) {
      if (inputTokens !== undefined && outputTokens !== undefined) out.push({ type: "usage", inputTokens, outputTokens });
      return finished;
    },
  };
}

function parseOr(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

// Anthropic takes system text apart and wants user and assistant turns to alternate.
function alternatingTurns(turns: ChatTurn[]): Anthropic.MessageParam[] {
  const merged: { role: "user" | "assistant"; content: string }[] = [];
  for (const turn of turns) {
    if (turn.role === "system") continue;
    const last = merged.at(-1);
    if (last?.role === turn.role) last.content += `\n\n${turn.content}`;
    else merged.push({ role: turn.role, content: turn.content });
  }
  return merged;
}

/**
 * Transcribes a recording through the OpenAI SDK at OPENAI_BASE_URL (any
 * compatible server). `filename` must carry the format's extension: the API
 * reads the format from it. Failures throw ProviderError; a stop through
 * `signal` rejects with the signal's reason.
 */
export async function transcribeWithOpenAI(args: {
  model: string;
  audio: { bytes: Uint8Array; filename: string; mimeType: string };
  language?: string;
  signal: AbortSignal;
}): Promise<OpenAI.Audio.Transcription> {
  const { apiKey, baseURL } = credentials("openai");
  if (!apiKey) throw new ProviderError(`Speech-to-text is not configured: set ${KEY_VARIABLES.openai}`, { retryable: false });
  try {
    const file = await toFile(args.audio.bytes, args.audio.filename, { type: args.audio.mimeType });
    return await openaiClient(apiKey, baseURL).audio.transcriptions.create(
      { model: args.model, file, response_format: "json", ...(args.language ? { language: args.language } : {}) },
      { signal: args.signal },
    );
  } catch (error) {
    args.signal.throwIfAborted();
    throw toProviderError(error, "openai");
  }
}
