// Embedding providers: the OpenAI SDK against the loopback /v1/embeddings
// stand-in (batching, retries, sizes), the offline encoder for real, and the
// choice made from configuration.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "~/modules/config/env.server";
import {
  EmbeddingError,
  batches,
  createOpenAIEmbeddings,
  embeddingProviderFromEnv,
  localEmbeddings,
  noEmbeddings,
  stopLocalEmbeddings,
} from "~/modules/documents/embeddings.server";
import { standInVector, startOpenAIEmbeddingsStandIn, type EmbeddingsStandIn } from "../fakes/openai-embeddings";

let standIn: EmbeddingsStandIn;
beforeAll(async () => {
  standIn = await startOpenAIEmbeddingsStandIn();
});
afterAll(async () => {
  await standIn.close();
  await stopLocalEmbeddings();
});

const texts = (n: number, prefix = "text") => Array.from({ length: n }, (_, i) => `${prefix} number ${i}`);

function provider(overrides: Partial<Parameters<typeof createOpenAIEmbeddings>[0]> = {}) {
  const waits: number[] = [];
  const embeddings = createOpenAIEmbeddings({
    apiKey: standIn.apiKey,
    baseURL: standIn.baseURL,
    model: "text-embedding-3-small",
    sleep: async (ms) => void waits.push(ms),
    ...overrides,
  });
  return { embeddings, waits };
}

describe("OpenAI embeddings through the SDK", () => {
  it("sends large batches and returns one vector per text, in order", async () => {
    const { embeddings } = provider({ maxTextsPerCall: 256 });
    const input = texts(600);
    const before = standIn.requests.length;
    const vectors = await embeddings.embed(input);
    const sent = standIn.requests.slice(before);
    expect(sent.map((r) => r.input.length)).toEqual([256, 256, 88]);
    expect(sent[0]).toMatchObject({ model: "text-embedding-3-small", encodingFormat: "base64" });
    expect(embeddings).toMatchObject({ id: "openai:text-embedding-3-small:1536", dimensions: 1536 });
    expect(vectors).toHaveLength(600);
    expect(vectors[599]).toEqual(standInVector("text number 599", 1536));
    expect(vectors[0]).toBeInstanceOf(Float32Array);
  });

  it("reads vectors from a compatible server that answers with numbers whatever encoding was asked for", async () => {
    const numbers = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const { input } = JSON.parse(body) as { input: string[] };
        const data = input.map((text, index) => ({ object: "embedding", index, embedding: Array.from(standInVector(text, 1536)) }));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", data, model: "m", usage: { prompt_tokens: 1, total_tokens: 1 } }));
      });
    });
    await new Promise<void>((resolve) => numbers.listen(0, "127.0.0.1", resolve));
    try {
      const { embeddings } = provider({ baseURL: `http://127.0.0.1:${(numbers.address() as AddressInfo).port}/v1` });
      const vectors = await embeddings.embed(["alpha", "beta"]);
      expect(vectors).toEqual([standInVector("alpha", 1536), standInVector("beta", 1536)]);
    } finally {
      await new Promise((resolve) => numbers.close(resolve));
    }
  });

  it("keeps each request within the token budget", async () => {
    const { embeddings } = provider({ maxTokensPerCall: 10_000 });
    const long = Array.from({ length: 30 }, (_, i) => `${i} ${"word ".repeat(600)}`); // ~1000 estimated tokens each
    const before = standIn.requests.length;
    await embeddings.embed(long);
    const sizes = standIn.requests.slice(before).map((r) => r.input.length);
    expect(sizes.reduce((a, b) => a + b)).toBe(30);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(9);
    expect(batches(["x".repeat(100_000)], 10, 10)).toEqual([["x".repeat(100_000)]]);
  });

  it("asks for the configured size and checks what comes back", async () => {
    const { embeddings } = provider({ dimensions: 256 });
    const before = standIn.requests.length;
    const [vector] = await embeddings.embed(["shortened"]);
    expect(standIn.requests[before]).toMatchObject({ dimensions: 256 });
    expect(vector).toHaveLength(256);
    expect(() => provider({ model: "nomic-embed-text" })).toThrow(/EMBEDDING_DIMENSIONS must be set/);
  });

  it("retries 429 and 5xx with backoff, honouring Retry-After", async () => {
    const { embeddings, waits } = provider();
    standIn.fail({ status: 429, retryAfter: "2" });
    standIn.fail({ status: 500 });
    standIn.fail({ status: 503, retryAfterMs: "150" });
    standIn.fail({ status: 502 });
    const before = standIn.requests.length;
    const vectors = await embeddings.embed(["after four failures"]);
    expect(standIn.requests.length - before).toBe(5);
    expect(vectors[0]).toEqual(standInVector("after four failures", 1536));
    expect(waits[0]).toBe(2000);
    expect(waits[1]).toBeGreaterThanOrEqual(500); // second attempt: 500–1000 ms
    expect(waits[1]).toBeLessThanOrEqual(1000);
    expect(waits[2]).toBe(150);
    expect(waits[3]).toBeGreaterThanOrEqual(2000); // fourth attempt: 2000–4000 ms
    expect(waits[3]).toBeLessThanOrEqual(4000);
  });

  it("gives up after its attempts with a retryable error, and at once on a 4xx", async () => {
    const { embeddings, waits } = provider({ maxAttempts: 3 });
    for (let i = 0; i < 3; i++) standIn.fail({ status: 429 });
    const failure = await embeddings.embed(["never"]).catch((e) => e);
    expect(failure).toBeInstanceOf(EmbeddingError);
    expect(failure).toMatchObject({ retryable: true, message: expect.stringMatching(/rate-limiting requests \(429\)/) });
    expect(waits).toHaveLength(2);

    const { embeddings: wrongKey, waits: noWaits } = provider({ apiKey: "wrong" });
    const refused = await wrongKey.embed(["x"]).catch((e) => e);
    expect(refused).toMatchObject({ retryable: false, message: expect.stringMatching(/refused the request \(401\)/) });
    expect(noWaits).toHaveLength(0);
  });

  it("reports an unreachable server as retryable", async () => {
    const { embeddings } = provider({ baseURL: "http://127.0.0.1:9/v1", maxAttempts: 2 });
    await expect(embeddings.embed(["x"])).rejects.toMatchObject({
      retryable: true,
      message: expect.stringMatching(/could not be reached/),
    });
  });
});

describe("offline embeddings (USE Lite)", () => {
  it("gives 512-d vectors that place similar sentences together", async () => {
    const [cat, kitten, revenue, blank] = await localEmbeddings.embed([
      "The cat sat on the mat.",
      "A kitten rested on the rug.",
      "Quarterly revenue grew by ten percent.",
      "",
    ]);
    const cosine = (a: Float32Array, b: Float32Array) => {
      let dot = 0,
        na = 0,
        nb = 0;
      for (let i = 0; i < a.length; i++) {
        dot += a[i]! * b[i]!;
        na += a[i]! ** 2;
        nb += b[i]! ** 2;
      }
      return dot / Math.sqrt(na * nb);
    };
    expect(localEmbeddings).toMatchObject({ id: "local:use-lite-512", dimensions: 512 });
    expect(cat).toHaveLength(512);
    expect(blank).toHaveLength(512);
    expect(cosine(cat!, kitten!)).toBeGreaterThan(cosine(cat!, revenue!) + 0.3);
    expect(await localEmbeddings.embed([])).toEqual([]);
  });
});

describe("embeddingProviderFromEnv", () => {
  it("uses the offline encoder without a key, or when OpenAI is the dev stand-in (which serves no embeddings)", () => {
    expect(embeddingProviderFromEnv(parseEnv({})).id).toBe("local:use-lite-512");
    expect(embeddingProviderFromEnv(parseEnv({ OPENAI_API_KEY: "offline-stand-in", STAND_INS: "openai,stripe" })).id).toBe(
      "local:use-lite-512",
    );
    expect(embeddingProviderFromEnv(parseEnv({ OPENAI_API_KEY: "offline-stand-in", STAND_INS: "anthropic" })).id).toBe(
      "openai:text-embedding-3-small:1536",
    );
    // An embeddings key of its own still wins.
    expect(embeddingProviderFromEnv(parseEnv({ STAND_INS: "openai", EMBEDDING_API_KEY: "sk-e" })).id).toBe(
      "openai:text-embedding-3-small:1536",
    );
  });

  it("uses OpenAI's text-embedding-3-small when a key is set, or the configured model and size", () => {
    expect(embeddingProviderFromEnv(parseEnv({ OPENAI_API_KEY: "sk-x" })).id).toBe("openai:text-embedding-3-small:1536");
    const custom = embeddingProviderFromEnv(
      parseEnv({
        OPENAI_API_KEY: "ollama",
        OPENAI_BASE_URL: "http://127.0.0.1:11434/v1",
        EMBEDDING_MODEL: "nomic-embed-text",
        EMBEDDING_DIMENSIONS: "768",
      }),
    );
    expect(custom).toMatchObject({ id: "openai:nomic-embed-text:768", dimensions: 768 });
  });

  it("says BM25 only with EMBEDDING_MODEL=none, and refuses impossible settings", async () => {
    expect(embeddingProviderFromEnv(parseEnv({ EMBEDDING_MODEL: "none", OPENAI_API_KEY: "sk-x" }))).toBe(noEmbeddings);
    expect(await noEmbeddings.embed(["a", "b"])).toEqual([new Float32Array(0), new Float32Array(0)]);
    expect(() => embeddingProviderFromEnv(parseEnv({ EMBEDDING_MODEL: "local", EMBEDDING_DIMENSIONS: "1536" }))).toThrow(/512 dimensions/);
    expect(() => embeddingProviderFromEnv(parseEnv({ EMBEDDING_MODEL: "nomic-embed-text" }))).toThrow(/needs OPENAI_API_KEY/);
  });
});
