// A loopback stand-in for the OpenAI API (POST /v1/chat/completions, and
// POST /v1/audio/transcriptions as multipart) that speaks its real wire
// format, so the real SDK runs against it in tests and in `npm run dev`
// without keys. The server machinery below (scripts, pacing,
// disconnects) is shared with the Anthropic stand-in in ./anthropic.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** How the stand-in answers one request. With no `tokens`, it gives its offline answer. */
export type ReplyScript = {
  tokens?: string[];
  tokenDelayMs?: number;
  /** Send this many tokens, then the provider's mid-stream error event, and end the response. */
  failAfterTokens?: number;
  /** Refuse up front with this status and the provider's error JSON (e.g. 429, 500). */
  status?: number;
  /** Send the tokens, then keep the stream open until the client goes away. */
  hang?: boolean;
  /** Transcriptions: the `usage` object to report (`null`: none, as some compatible servers do). */
  usage?: Record<string, unknown> | null;
};

/** A request body as the stand-in received it. */
export type RecordedRequest = Record<string, any>;

export type StandInOptions = { port?: number; apiKey?: string; tokenDelayMs?: number };

export type ModelStandIn = {
  baseURL: string;
  apiKey: string;
  /** Every request body received, in order (refused ones too). */
  requests: RecordedRequest[];
  /** Queues a behaviour for the next request; queued scripts are used in order. */
  script(next: ReplyScript): void;
  /** What requests get when nothing is queued (`{}`: the offline answer). */
  setDefault(reply: ReplyScript): void;
  readonly openStreams: number;
  close(): Promise<void>;
};

/** An endpoint a stand-in serves besides its chat endpoint: raw body in, status and JSON (or text) out. */
export type ExtraEndpoint = (
  req: http.IncomingMessage,
  body: Buffer,
  reply: ReplyScript,
) => Promise<{ status: number; body: object | string; recorded: RecordedRequest }>;

/** Everything provider-specific about a stand-in. */
export type WireFormat = {
  provider: string;
  keyVariable: string;
  /** Where the SDK's base URL points, and the one endpoint served under it. */
  basePath: string;
  endpoint: string;
  authorized(req: http.IncomingMessage, apiKey: string): boolean;
  /** The provider's error JSON for a status (401 means a bad key). */
  errorBody(status: number, message?: string): object;
  prompt(body: RecordedRequest): { chars: number; lastUserText: string; systemText: string };
  /** The request's stop sequences and output cap, which the stand-in honours as the provider would. */
  limits(body: RecordedRequest): { stop: string[]; maxTokens?: number };
  /** Server-sent events for one streamed response. */
  openStream(
    body: RecordedRequest,
    promptTokens: number,
  ): {
    start: string;
    text(text: string): string;
    end(completionTokens: number, reason: EndReason): string;
    failure: string;
  };
  completion(body: RecordedRequest, text: string, usage: { promptTokens: number; completionTokens: number }, reason: EndReason): object;
  /** Other endpoints under `basePath`, by their path after it. */
  extraEndpoints?: Record<string, ExtraEndpoint>;
};

/** Why an answer ended: it was complete, reached a stop sequence, or reached the output cap. */
export type EndReason = "complete" | "stop" | "length";

/** The tokens a provider would send under the request's limits, and why it would stop. */
function applyLimits(tokens: string[], limits: { stop: string[]; maxTokens?: number }): { tokens: string[]; reason: EndReason } {
  const kept: string[] = [];
  let text = "";
  for (const token of tokens) {
    if (limits.maxTokens !== undefined && kept.length >= limits.maxTokens) return { tokens: kept, reason: "length" };
    const at = Math.min(...limits.stop.map((s) => (text + token).indexOf(s)).filter((i) => i >= 0));
    if (Number.isFinite(at)) {
      const rest = (text + token).slice(text.length, at);
      if (rest) kept.push(rest);
      return { tokens: kept, reason: "stop" };
    }
    kept.push(token);
    text += token;
  }
  return { tokens: kept, reason: "complete" };
}

const DEFAULT_TOKEN_DELAY_MS = 15;

/** POST a ReplyScript here to queue it for the next request. */
export const CONTROL_PATH = "/__stand-in/script";

/** Text of a message content that is a string or a list of `{ text }` parts. */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (typeof part?.text === "string" ? part.text : "")).join("");
}

/** Words with their leading whitespace, so the pieces join back to the text exactly. */
function splitKeepingSpaces(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** The answer a stand-in gives when no script says otherwise, in dev mode in particular. */
function offlineAnswer(format: Pick<WireFormat, "provider" | "keyVariable">, model: string, question: string, systemText = ""): string {
  const quoted = question.length > 200 ? `${question.slice(0, 200)}…` : question;
  // Given numbered sources (Cairn's RAG prompt), quote the first one and cite it, as a real model would.
  const source = /^\[(\d+)\] [^\n]*\n([^\n]+)/m.exec(systemText);
  const excerpt = source?.[2]!.length && source[2]!.length > 160 ? `${source[2]!.slice(0, 160)}…` : source?.[2];
  const cited = source ? ["", `From your documents: “${excerpt}” [${source[1]}]`] : [];
  return [
    `This answer comes from **Cairn's offline stand-in** for \`${model}\`, not from a real model: it is canned text, streamed word by word.`,
    "",
    "You asked:",
    "",
    (quoted.trim() ? quoted : "(an empty message)")
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n"),
    ...cited,
    "",
    "A code block, to show highlighting and the copy button:",
    "",
    "```ts",
    `const answer = await ask(${JSON.stringify(model)}, "your question");`,
    "console.log(answer);",
    "```",
    "",
    `- Set \`${format.keyVariable}\` to have ${format.provider} answer for real.`,
    "- Everything else (streaming, stopping, credits, sharing) works as it will then.",
  ].join("\n");
}

function readRawBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const readBody = async (req: http.IncomingMessage) => (await readRawBody(req)).toString("utf8");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a stand-in speaking `format` on 127.0.0.1 (port 0 unless `options.port`). */
export async function startStandIn(format: WireFormat, options: StandInOptions & { apiKey: string }): Promise<ModelStandIn> {
  const { apiKey } = options;
  const requests: RecordedRequest[] = [];
  const scripted: ReplyScript[] = [];
  let defaultReply: ReplyScript = {};
  let openStreams = 0;

  const sendJson = (res: http.ServerResponse, status: number, body: object) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  async function answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    // Out-of-process tests (e2e) queue reply scripts over HTTP, as script() does in-process.
    if (req.method === "POST" && path === CONTROL_PATH) {
      scripted.push(JSON.parse(await readBody(req)) as ReplyScript);
      return sendJson(res, 200, { queued: scripted.length });
    }
    const extra = path.startsWith(format.basePath) ? format.extraEndpoints?.[path.slice(format.basePath.length)] : undefined;
    if (req.method === "POST" && extra) {
      const raw = await readRawBody(req);
      if (!format.authorized(req, apiKey)) return sendJson(res, 401, format.errorBody(401));
      const reply = scripted.shift() ?? defaultReply;
      if (reply.status) return sendJson(res, reply.status, format.errorBody(reply.status));
      const answered = await extra(req, raw, reply);
      requests.push(answered.recorded);
      if (typeof answered.body === "object") return sendJson(res, answered.status, answered.body);
      res.writeHead(answered.status, { "content-type": "text/plain; charset=utf-8" });
      return void res.end(answered.body);
    }
    if (req.method !== "POST" || path !== format.basePath + format.endpoint)
      return sendJson(res, 404, format.errorBody(404, `Unknown endpoint: ${req.method} ${path}`));
    let body: RecordedRequest;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, format.errorBody(400, "The request body is not valid JSON."));
    }
    requests.push(body);
    if (!format.authorized(req, apiKey)) return sendJson(res, 401, format.errorBody(401));

    const reply = scripted.shift() ?? defaultReply;
    if (reply.status) return sendJson(res, reply.status, format.errorBody(reply.status));
    const prompt = format.prompt(body);
    const promptTokens = Math.ceil(prompt.chars / 4);
    const { tokens, reason } = applyLimits(
      reply.tokens ?? splitKeepingSpaces(offlineAnswer(format, String(body.model), prompt.lastUserText, prompt.systemText)),
      format.limits(body),
    );
    // A hanging request without streaming simply never answers.
    if (reply.hang && body.stream !== true) return;
    if (body.stream !== true)
      return sendJson(res, 200, format.completion(body, tokens.join(""), { promptTokens, completionTokens: tokens.length }, reason));

    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
    openStreams++;
    let gone = false;
    res.once("close", () => {
      gone = true;
      openStreams--;
    });
    const events = format.openStream(body, promptTokens);
    res.write(events.start);
    const delay = reply.tokenDelayMs ?? options.tokenDelayMs ?? DEFAULT_TOKEN_DELAY_MS;
    const sent = tokens.slice(0, reply.failAfterTokens ?? tokens.length);
    for (const token of sent) {
      if (delay > 0) await sleep(delay);
      if (gone) return;
      res.write(events.text(token));
    }
    if (reply.failAfterTokens !== undefined) return void res.end(events.failure);
    // Held open until the client disconnects (or close() drops it).
    if (reply.hang) return;
    res.end(events.end(sent.length, reason));
  }

  const server = http.createServer((req, res) => {
    answer(req, res).catch((error) => {
      console.error(`[${format.provider} stand-in]`, error);
      res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}${format.basePath}`,
    apiKey,
    requests,
    script: (next) => void scripted.push(next),
    setDefault: (reply) => void (defaultReply = reply),
    get openStreams() {
      return openStreams;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const OPENAI_ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Invalid request." },
  401: {
    type: "invalid_request_error",
    code: "invalid_api_key",
    message: "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
  },
  404: { type: "invalid_request_error", code: null, message: "Invalid URL" },
  429: { type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests. Please try again in 1s." },
  500: { type: "server_error", code: null, message: "The server had an error while processing your request. Sorry about that!" },
  503: { type: "server_error", code: null, message: "The engine is currently overloaded, please try again later." },
};

const OPENAI_FINISH: Record<EndReason, string> = { complete: "stop", stop: "stop", length: "length" };

// What the transcription endpoint accepts: it goes by the file name's extension, as OpenAI does.
const TRANSCRIPTION_EXTENSIONS = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];

/** POST /v1/audio/transcriptions: multipart `file` and `model` (+ `language`, `response_format`), as OpenAI takes them. */
const transcriptions: ExtraEndpoint = async (req, body, reply) => {
  const refuse = (message: string) => ({
    status: 400,
    body: { error: { message, type: "invalid_request_error", param: null, code: null } },
    recorded: { endpoint: "/audio/transcriptions", refused: message },
  });
  let form: FormData;
  try {
    form = await new Request("http://stand-in/", {
      method: "POST",
      headers: { "content-type": String(req.headers["content-type"] ?? "") },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    return refuse("Could not parse multipart form");
  }
  const file = form.get("file");
  const model = form.get("model");
  if (!(file instanceof File)) return refuse("Missing required parameter: 'file'.");
  if (typeof model !== "string" || !model) return refuse("you must provide a model parameter");
  const extension = file.name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
  if (!TRANSCRIPTION_EXTENSIONS.includes(extension))
    return refuse(`Invalid file format. Supported formats: ${JSON.stringify(TRANSCRIPTION_EXTENSIONS)}`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const language = form.get("language");
  const recorded = { endpoint: "/audio/transcriptions", model, filename: file.name, type: file.type, size: bytes.length, language };
  const text =
    reply.tokens?.join("") ??
    `This transcript comes from Cairn's offline stand-in, not a real speech model: it received ${Math.ceil(bytes.length / 1024)} KB of ${extension} audio.`;
  if (form.get("response_format") === "text") return { status: 200, body: text, recorded };
  // Not a real count (a stand-in has no model): one audio token per kilobyte, one output token per four characters.
  const audioTokens = Math.ceil(bytes.length / 1024);
  const outputTokens = Math.ceil(text.length / 4);
  const usage =
    reply.usage === undefined
      ? {
          type: "tokens",
          input_tokens: audioTokens,
          input_token_details: { text_tokens: 0, audio_tokens: audioTokens },
          output_tokens: outputTokens,
          total_tokens: audioTokens + outputTokens,
        }
      : reply.usage;
  return { status: 200, body: usage === null ? { text } : { text, usage }, recorded };
};

const openAIFormat: WireFormat = {
  provider: "OpenAI",
  keyVariable: "OPENAI_API_KEY",
  basePath: "/v1",
  endpoint: "/chat/completions",
  extraEndpoints: { "/audio/transcriptions": transcriptions },
  authorized: (req, apiKey) => req.headers.authorization === `Bearer ${apiKey}`,
  errorBody(status, message) {
    const known = OPENAI_ERRORS[status] ?? (status >= 500 ? OPENAI_ERRORS[500]! : OPENAI_ERRORS[400]!);
    return { error: { message: message ?? known.message, type: known.type, param: null, code: known.code } };
  },
  prompt(body) {
    const messages: { role?: string; content?: unknown }[] = Array.isArray(body.messages) ? body.messages : [];
    return {
      chars: messages.reduce((n, m) => n + textOf(m.content).length, 0),
      lastUserText: textOf(messages.findLast((m) => m.role === "user")?.content),
      systemText: messages
        .filter((m) => m.role === "system")
        .map((m) => textOf(m.content))
        .join("\n"),
    };
  },
  limits(body) {
    const stop = typeof body.stop === "string" ? [body.stop] : Array.isArray(body.stop) ? body.stop : [];
    return { stop, maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined };
  },
  openStream(body, promptTokens) {
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const includeUsage = body.stream_options?.include_usage === true;
    const chunk = (choices: object[], usage?: object) =>
      `data: ${JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created,
        model: body.model,
        system_fingerprint: "fp_cairn_stand_in",
        choices,
        // With include_usage, every chunk carries `usage`: null until the last.
        ...(includeUsage ? { usage: usage ?? null } : {}),
      })}\n\n`;
    const choice = (delta: object, finishReason: string | null = null) => ({
      index: 0,
      delta,
      logprobs: null,
      finish_reason: finishReason,
    });
    return {
      start: chunk([choice({ role: "assistant", content: "", refusal: null })]),
      text: (text) => chunk([choice({ content: text })]),
      end: (completionTokens, reason) =>
        chunk([choice({}, OPENAI_FINISH[reason])]) +
        (includeUsage
          ? chunk([], { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens })
          : "") +
        "data: [DONE]\n\n",
      failure: `data: ${JSON.stringify({ error: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null } })}\n\n`,
    };
  },
  completion(body, text, { promptTokens, completionTokens }, reason) {
    return {
      id: `chatcmpl-${randomUUID()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      system_fingerprint: "fp_cairn_stand_in",
      choices: [
        { index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: OPENAI_FINISH[reason] },
      ],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    };
  },
};

/** The OpenAI stand-in; point the SDK at `baseURL` (it ends in /v1) with `apiKey`. */
export function startOpenAIStandIn(options: StandInOptions = {}): Promise<ModelStandIn> {
  return startStandIn(openAIFormat, { ...options, apiKey: options.apiKey ?? "test-openai-key" });
}
