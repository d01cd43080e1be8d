// Embedding providers behind one interface:
// - "openai": OpenAI or any OpenAI-compatible server (Ollama, vLLM, llama.cpp)
//   through the real SDK, in large batches, with retry and backoff;
// - "local": Universal Sentence Encoder Lite (512-d), offline, in a worker
//   thread — the default when no OpenAI key is configured;
// - "none": no vectors at all; retrieval then uses BM25 (FTS5) alone.
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from "openai";
import { Worker } from "node:worker_threads";
import { env, type Env } from "~/modules/config/env.server";
import { workerFile } from "./worker-file.server";

export interface EmbeddingProvider {
  /** Names the model and its dimensions: vectors of different ids must never be compared. */
  readonly id: string;
  /** Length of every vector `embed` returns (0 for "none"). */
  readonly dimensions: number;
  /** One vector per text, in order. Throws EmbeddingError. */
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

/** An embedding failure, worded for a document's status. `retryable`: worth trying again later. */
export class EmbeddingError extends Error {
  readonly retryable: boolean;
  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = "EmbeddingError";
    this.retryable = options.retryable;
  }
}

// ---- none ---------------------------------------------------------------

/** No embeddings: documents are still chunked and indexed for keyword (BM25) search. */
export const noEmbeddings: EmbeddingProvider = {
  id: "none",
  dimensions: 0,
  embed: async (texts) => texts.map(() => new Float32Array(0)),
};

// ---- OpenAI and compatible servers ----------------------------------------

/** Native sizes of OpenAI's models; other models need EMBEDDING_DIMENSIONS. */
const KNOWN_DIMENSIONS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
};

export const DEFAULT_OPENAI_EMBEDDING_MODEL = "text-embedding-3-small";

export type OpenAIEmbeddingsConfig = {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Asked of the model (text-embedding-3 can shorten its vectors); required for models Cairn does not know. */
  dimensions?: number;
  /** Texts per request: OpenAI takes up to 2048. */
  maxTextsPerCall?: number;
  /** Estimated tokens per request: OpenAI takes up to 300k. */
  maxTokensPerCall?: number;
  /** Tries per request on 429, 5xx and lost connections, the first included. */
  maxAttempts?: number;
  /** Waits between tries; tests pass one that records instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A vector as the server sent it: little-endian float32s in base64, or numbers from a server that ignores the encoding asked for. */
function vectorOf(embedding: string | number[]): Float32Array {
  if (Array.isArray(embedding)) return Float32Array.from(embedding);
  const bytes = Buffer.from(embedding, "base64");
  // Copied into a buffer of its own: a Float32Array needs 4-byte alignment, which a pooled Buffer may not have.
  const vector = new Float32Array(bytes.length / 4);
  new Uint8Array(vector.buffer).set(bytes);
  return vector;
}

export function createOpenAIEmbeddings(config: OpenAIEmbeddingsConfig): EmbeddingProvider {
  const dimensions = config.dimensions ?? KNOWN_DIMENSIONS[config.model];
  if (!dimensions)
    throw new EmbeddingError(`EMBEDDING_DIMENSIONS must be set for the embedding model "${config.model}" (Cairn does not know its size)`, {
      retryable: false,
    });
  const maxTexts = config.maxTextsPerCall ?? 1024;
  const maxTokens = config.maxTokensPerCall ?? 250_000;
  const maxAttempts = config.maxAttempts ?? 6;
  const wait = config.sleep ?? sleep;
  // Retries are ours (below), so the SDK makes one attempt per call.
  const client = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, maxRetries: 0, timeout: 120_000 });
  // Only ask for a size when configured: compatible servers may refuse the parameter.
  const sizeParameter = config.dimensions ? { dimensions: config.dimensions } : {};

  async function embedBatch(input: string[], signal: AbortSignal | undefined): Promise<Float32Array[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        // Asked for as base64 and read straight into Float32Arrays: the SDK's own decoding goes through an
        // array of numbers, ~400,000 of them a batch, on the thread that streams answers.
        const response = await client.embeddings.create(
          { model: config.model, input, encoding_format: "base64", ...sizeParameter },
          { signal },
        );
        const vectors = new Array<Float32Array>(input.length);
        for (const item of response.data) vectors[item.index] = vectorOf(item.embedding as string | number[]);
        for (const vector of vectors) {
          if (!vector)
            throw new EmbeddingError(`The embedding server returned ${response.data.length} vectors for ${input.length} texts`, {
              retryable: true,
            });
          if (vector.length !== dimensions)
            throw new EmbeddingError(
              `The embedding model "${config.model}" returned ${vector.length}-dimensional vectors, but ${dimensions} are configured (EMBEDDING_DIMENSIONS)`,
              { retryable: false },
            );
        }
        return vectors;
      } catch (error) {
        if (error instanceof EmbeddingError) throw error;
        if (error instanceof APIUserAbortError || signal?.aborted) throw signal?.reason ?? error;
        const failure = describeFailure(error, config.model);
        if (!failure.retryable || attempt >= maxAttempts)
          throw new EmbeddingError(failure.message, { retryable: failure.retryable, cause: error });
        await wait(retryDelayMs(error, attempt));
      }
    }
  }

  return {
    id: `openai:${config.model}:${dimensions}`,
    dimensions,
    async embed(texts, options = {}) {
      const vectors: Float32Array[] = [];
      for (const batch of batches(texts, maxTexts, maxTokens)) vectors.push(...(await embedBatch(batch, options.signal)));
      return vectors;
    },
  };
}

/** Consecutive runs of texts within a count and an estimated token budget (one text always fits). */
export function batches(texts: string[], maxTexts: number, maxTokens: number): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const text of texts) {
    // About 4 characters a token in English; 3 errs on the safe side without tokenizing everything twice.
    const estimate = Math.ceil(text.length / 3) + 1;
    if (current.length && (current.length >= maxTexts || tokens + estimate > maxTokens)) {
      result.push(current);
      current = [];
      tokens = 0;
    }
    current.push(text);
    tokens += estimate;
  }
  if (current.length) result.push(current);
  return result;
}

function describeFailure(error: unknown, model: string): { message: string; retryable: boolean } {
  const name = `The embedding server (model "${model}")`;
  if (error instanceof APIConnectionError) return { message: `${name} could not be reached: ${error.message}`, retryable: true };
  if (error instanceof APIError) {
    const body = error.error as { message?: unknown } | undefined;
    const detail = typeof body?.message === "string" ? body.message : error.message;
    const status = error.status;
    if (status === 429) return { message: `${name} is rate-limiting requests (429): ${detail}`, retryable: true };
    if (status === undefined || status >= 500) return { message: `${name} failed (${status ?? "no status"}): ${detail}`, retryable: true };
    return { message: `${name} refused the request (${status}): ${detail}`, retryable: false };
  }
  return { message: `${name} failed: ${error instanceof Error ? error.message : String(error)}`, retryable: false };
}

const MAX_BACKOFF_MS = 30_000;
const MAX_RETRY_AFTER_MS = 120_000;

/** Retry-After (ms or seconds or a date) when the server sends it, else exponential backoff with jitter. */
export function retryDelayMs(error: unknown, attempt: number, random = Math.random): number {
  const headers = error instanceof APIError ? error.headers : undefined;
  const afterMs = Number(headers?.get("retry-after-ms"));
  if (headers?.get("retry-after-ms") && Number.isFinite(afterMs) && afterMs >= 0) return Math.min(afterMs, MAX_RETRY_AFTER_MS);
  const after = headers?.get("retry-after");
  if (after) {
    const seconds = Number(after);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(after) - Date.now();
    if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, MAX_RETRY_AFTER_MS);
  }
  const ceiling = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

// ---- local (offline) ------------------------------------------------------

export const LOCAL_EMBEDDING_MODEL = "use-lite-512";

let localWorker: { worker: Worker; pending: Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }> } | undefined;
let nextRequestId = 0;

function localEmbeddingWorker() {
  if (localWorker) return localWorker;
  const worker = new Worker(workerFile("local-embeddings.worker.mjs"), {
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  // An idle encoder must not keep the process (or a test run) alive.
  worker.unref();
  const state = { worker, pending: new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>() };
  worker.on("message", (message: { id: number; vectors?: Float32Array[]; error?: string }) => {
    const request = state.pending.get(message.id);
    state.pending.delete(message.id);
    if (state.pending.size === 0) worker.unref();
    if (message.vectors) request?.resolve(message.vectors);
    else request?.reject(new EmbeddingError(`The offline embedding model failed: ${message.error}`, { retryable: true }));
  });
  const fail = (reason: string) => {
    if (localWorker === state) localWorker = undefined;
    for (const request of state.pending.values())
      request.reject(new EmbeddingError(`The offline embedding model stopped: ${reason}`, { retryable: true }));
    state.pending.clear();
  };
  worker.on("error", (error) => fail(error.message));
  worker.on("exit", (code) => fail(`exit code ${code}`));
  localWorker = state;
  return state;
}

/** Universal Sentence Encoder Lite, offline, 512 dimensions; runs in a worker thread started on first use. */
export const localEmbeddings: EmbeddingProvider = {
  id: `local:${LOCAL_EMBEDDING_MODEL}`,
  dimensions: 512,
  embed(texts) {
    if (texts.length === 0) return Promise.resolve([]);
    const { worker, pending } = localEmbeddingWorker();
    const id = nextRequestId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Busy: keep the process alive until the answer arrives.
      worker.ref();
      worker.postMessage({ id, texts });
    });
  },
};

/** Stops the offline encoder's thread (tests, shutdown); the next `embed` starts it again. */
export async function stopLocalEmbeddings(): Promise<void> {
  const current = localWorker;
  localWorker = undefined;
  await current?.worker.terminate();
}

// ---- choice by configuration ------------------------------------------------

let cached: { key: string; provider: EmbeddingProvider } | undefined;

/**
 * EMBEDDING_MODEL chooses: "none" (BM25 only), "local" (offline encoder), or
 * an OpenAI model name. Unset: text-embedding-3-small when OPENAI_API_KEY is
 * set, else the offline encoder. OPENAI_BASE_URL points it at a compatible
 * server; EMBEDDING_DIMENSIONS sets (or, for unknown models, declares) the size.
 */
export function embeddingProviderFromEnv(config: Env = env()): EmbeddingProvider {
  const key = [
    config.EMBEDDING_MODEL,
    config.EMBEDDING_DIMENSIONS,
    config.EMBEDDING_API_KEY,
    config.EMBEDDING_BASE_URL,
    config.OPENAI_API_KEY,
    config.OPENAI_BASE_URL,
    config.STAND_INS.includes("openai"),
  ].join("\n");
  if (cached?.key === key) return cached.provider;
  const provider = chooseProvider(config);
  cached = { key, provider };
  return provider;
}

function chooseProvider(config: Env): EmbeddingProvider {
  const model = config.EMBEDDING_MODEL?.trim();
  // The OpenAI stand-in of `npm run dev` serves chat, not embeddings.
  const apiKey = config.EMBEDDING_API_KEY ?? (config.STAND_INS.includes("openai") ? undefined : config.OPENAI_API_KEY);
  if (model === "none") return noEmbeddings;
  if (model === "local" || (!model && !apiKey)) {
    if (config.EMBEDDING_DIMENSIONS && config.EMBEDDING_DIMENSIONS !== localEmbeddings.dimensions)
      throw new EmbeddingError(
        `The offline embedding model has ${localEmbeddings.dimensions} dimensions; EMBEDDING_DIMENSIONS says ${config.EMBEDDING_DIMENSIONS}`,
        {
          retryable: false,
        },
      );
    return localEmbeddings;
  }
  if (!apiKey)
    throw new EmbeddingError(`EMBEDDING_MODEL "${model}" needs OPENAI_API_KEY (any value for servers without keys)`, { retryable: false });
  return createOpenAIEmbeddings({
    apiKey,
    baseURL: config.EMBEDDING_BASE_URL ?? config.OPENAI_BASE_URL,
    model: model ?? DEFAULT_OPENAI_EMBEDDING_MODEL,
    dimensions: config.EMBEDDING_DIMENSIONS,
  });
}
