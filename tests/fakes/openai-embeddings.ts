// A loopback stand-in for OpenAI's POST /v1/embeddings speaking its real wire
// format (float arrays, or base64 little-endian float32 as the SDK asks by
// default), with scripted failures (429 with Retry-After, 5xx) for retry tests.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type EmbeddingsReply = { status: number; retryAfter?: string; retryAfterMs?: string };

export type EmbeddingsRequest = { model: string; input: string[]; dimensions?: number; encodingFormat?: string };

export type EmbeddingsStandIn = {
  baseURL: string;
  apiKey: string;
  /** Every request received, in order (refused ones too). */
  requests: EmbeddingsRequest[];
  /** Queues a failure for the next request; queued replies are used in order. */
  fail(next: EmbeddingsReply): void;
  close(): Promise<void>;
};

const DEFAULT_DIMENSIONS = 1536;

/** The stand-in's vector for a text: deterministic, unit length, different for different texts. */
export function standInVector(text: string, dimensions: number): Float32Array {
  // FNV-1a seeds a xorshift generator.
  let seed = 2166136261;
  for (let i = 0; i < text.length; i++) seed = Math.imul(seed ^ text.charCodeAt(i), 16777619);
  const vector = new Float32Array(dimensions);
  let state = seed >>> 0 || 1;
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    vector[i] = state / 0xffffffff - 0.5;
    norm += vector[i]! * vector[i]!;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < dimensions; i++) vector[i]! /= norm;
  return vector;
}

const ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Invalid request." },
  401: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided." },
  429: { type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests. Please try again in 1s." },
  500: { type: "server_error", code: null, message: "The server had an error while processing your request. Sorry about that!" },
};

export async function startOpenAIEmbeddingsStandIn(options: { apiKey?: string; port?: number } = {}): Promise<EmbeddingsStandIn> {
  const apiKey = options.apiKey ?? "test-openai-key";
  const requests: EmbeddingsRequest[] = [];
  const failures: EmbeddingsReply[] = [];

  const send = (res: http.ServerResponse, status: number, body: object, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (status: number, message?: string) => {
    const known = ERRORS[status] ?? ERRORS[status >= 500 ? 500 : 400]!;
    return { error: { message: message ?? known.message, type: known.type, param: null, code: known.code } };
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    if (req.method !== "POST" || path !== "/v1/embeddings") return send(res, 404, error(404, `Unknown endpoint: ${req.method} ${path}`));
    let body: { model?: unknown; input?: unknown; dimensions?: unknown; encoding_format?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(res, 400, error(400, "The request body is not valid JSON."));
    }
    const input = typeof body.input === "string" ? [body.input] : Array.isArray(body.input) ? body.input.map(String) : [];
    requests.push({
      model: String(body.model),
      input,
      ...(typeof body.dimensions === "number" ? { dimensions: body.dimensions } : {}),
      ...(typeof body.encoding_format === "string" ? { encodingFormat: body.encoding_format } : {}),
    });
    if (req.headers.authorization !== `Bearer ${apiKey}`) return send(res, 401, error(401));
    const failure = failures.shift();
    if (failure)
      return send(res, failure.status, error(failure.status), {
        ...(failure.retryAfter ? { "retry-after": failure.retryAfter } : {}),
        ...(failure.retryAfterMs ? { "retry-after-ms": failure.retryAfterMs } : {}),
      });
    if (input.length === 0 || input.length > 2048) return send(res, 400, error(400, "'input' must hold 1 to 2048 texts."));
    const dimensions = typeof body.dimensions === "number" ? body.dimensions : DEFAULT_DIMENSIONS;
    const base64 = body.encoding_format === "base64";
    send(res, 200, {
      object: "list",
      data: input.map((text, index) => {
        const vector = standInVector(text, dimensions);
        return { object: "embedding", index, embedding: base64 ? Buffer.from(vector.buffer).toString("base64") : Array.from(vector) };
      }),
      model: String(body.model),
      usage: (() => {
        const tokens = input.reduce((n, text) => n + Math.ceil(text.length / 4), 0);
        return { prompt_tokens: tokens, total_tokens: tokens };
      })(),
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    fail: (next) => void failures.push(next),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
