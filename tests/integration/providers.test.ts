// Both providers through their real SDKs against the loopback stand-ins.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import { findModel, type ModelInfo } from "~/modules/ai/models";
import type { ChatTurn, CompletionEvent } from "~/modules/ai/providers.server";
import { startAnthropicStandIn } from "../fakes/anthropic";
import { startOpenAIStandIn } from "../fakes/openai";
import { until } from "../support/chat";

// env() is parsed once, on first use: the stand-ins must be in process.env
// before the provider module (and so the environment) is loaded.
const standIns = {
  openai: await startOpenAIStandIn({ tokenDelayMs: 1 }),
  anthropic: await startAnthropicStandIn({ tokenDelayMs: 1 }),
};
const standInEnv = {
  OPENAI_API_KEY: standIns.openai.apiKey,
  OPENAI_BASE_URL: standIns.openai.baseURL,
  ANTHROPIC_API_KEY: standIns.anthropic.apiKey,
  ANTHROPIC_BASE_URL: standIns.anthropic.baseURL,
};
Object.assign(process.env, standInEnv);
const { streamCompletion, upstreamModelName, ProviderError } = await import("~/modules/ai/providers.server");

afterAll(async () => {
  await Promise.all([standIns.openai.close(), standIns.anthropic.close()]);
});

const models = { openai: findModel("gpt-4o-mini")!, anthropic: findModel("claude-haiku-4-5")! };
const question: ChatTurn[] = [{ role: "user", content: "Say hello" }];

/** Runs a completion to its end, keeping what arrived before any failure. */
async function run(
  model: ModelInfo,
  messages: ChatTurn[] = question,
  signal = new AbortController().signal,
  stream = streamCompletion,
): Promise<{ events: CompletionEvent[]; error?: unknown }> {
  const events: CompletionEvent[] = [];
  try {
    for await (const event of stream({ model, messages, maxOutputTokens: 256, signal })) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events };
}

const texts = (events: CompletionEvent[]) => events.flatMap((e) => (e.type === "text" ? [e.text] : []));

/** Loads the provider module afresh under other environment values (env() caches the first parse). */
async function withEnvironment(
  values: Record<string, string | undefined>,
  test: (providers: typeof import("~/modules/ai/providers.server")) => Promise<void>,
) {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const assign = (next: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(next))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  };
  assign(values);
  vi.resetModules();
  try {
    await test(await import("~/modules/ai/providers.server"));
  } finally {
    assign(saved);
  }
}

for (const provider of ["openai", "anthropic"] as const) {
  describe(`${provider} through its SDK`, () => {
    const standIn = standIns[provider];
    const model = models[provider];

    it("streams the text in order, then exactly one usage event with the provider's counts", async () => {
      const tokens = ["Hello", ", ", "world", "!\n\n", "Bye."];
      standIn.script({ tokens });
      const messages: ChatTurn[] = [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Say hello" },
      ];
      const { events, error } = await run(model, messages);
      expect(error).toBeUndefined();
      expect(texts(events)).toEqual(tokens);
      expect(texts(events).join("")).toBe(tokens.join(""));
      const promptTokens = Math.ceil("Be brief.Say hello".length / 4);
      expect(events.filter((e) => e.type === "usage")).toEqual([{ type: "usage", inputTokens: promptTokens, outputTokens: tokens.length }]);
      expect(events.at(-1)?.type).toBe("usage");
      expect(standIn.requests.at(-1)).toMatchObject({ model: model.upstream, stream: true });
    });

    it("gives the offline answer when nothing is scripted", async () => {
      const { events, error } = await run(model, [{ role: "user", content: "What is a cairn?" }]);
      expect(error).toBeUndefined();
      const answer = texts(events).join("");
      expect(answer).toContain(`Cairn's offline stand-in** for \`${model.upstream}\``);
      expect(answer).toContain("> What is a cairn?");
      expect(answer).toContain("```ts");
      expect(texts(events).length).toBeGreaterThan(20);
    });

    it("turns an up-front 429 into a retryable ProviderError with status 429", async () => {
      standIn.script({ status: 429 });
      const { events, error } = await run(model);
      expect(events).toEqual([]);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ status: 429, retryable: true });
      expect((error as Error).message).toMatch(/^The model provider \(\w+\) is rate-limiting requests \(429\): \S/);
    });

    it("turns an up-front 500 into a ProviderError that names the provider", async () => {
      standIn.script({ status: 500 });
      const { error } = await run(model);
      expect(error).toMatchObject({ status: 500, retryable: true });
      expect((error as Error).message).toMatch(/provider.*failed \(500\)/);
    });

    it("yields the tokens that came before a mid-stream error, then throws ProviderError", async () => {
      standIn.script({ tokens: ["Half", " an", " answer", " never"], failAfterTokens: 3 });
      const { events, error } = await run(model);
      expect(texts(events)).toEqual(["Half", " an", " answer"]);
      expect(events.some((e) => e.type === "usage")).toBe(false);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ status: undefined, retryable: true });
      expect((error as Error).message).toMatch(/failed mid-answer: (The server had an error|Overloaded)/);
    });

    it("stops on abort mid-stream: the upstream stream closes and the generator rejects with the abort", async () => {
      standIn.script({ tokens: ["One", " two", " three"], hang: true });
      const abort = new AbortController();
      const received: string[] = [];
      let failure: unknown;
      try {
        for await (const event of streamCompletion({ model, messages: question, maxOutputTokens: 256, signal: abort.signal })) {
          if (event.type === "text") received.push(event.text);
          if (received.length === 3) {
            expect(standIn.openStreams).toBe(1);
            abort.abort();
          }
        }
      } catch (error) {
        failure = error;
      }
      expect(received).toEqual(["One", " two", " three"]);
      expect(failure).not.toBeInstanceOf(ProviderError);
      expect(failure).toMatchObject({ name: "AbortError" });
      await until(() => standIn.openStreams === 0);
    });

    it("closes the provider's stream when the reader stops reading early", async () => {
      standIn.script({ tokens: ["One", " two", " three"], hang: true });
      const received: string[] = [];
      for await (const event of streamCompletion({
        model,
        messages: question,
        maxOutputTokens: 256,
        signal: new AbortController().signal,
      })) {
        if (event.type === "text") received.push(event.text);
        if (received.length === 2) break;
      }
      expect(received).toEqual(["One", " two"]);
      await until(() => standIn.openStreams === 0);
    });

    it("rejects with the abort when stopped before the provider answers", async () => {
      const abort = new AbortController();
      abort.abort();
      const { error } = await run(model, question, abort.signal);
      expect(error).not.toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ name: "AbortError" });
    });
  });
}

describe("request shapes", () => {
  it("sends OpenAI every turn as is, asks for usage in the stream and caps the output", async () => {
    standIns.openai.script({ tokens: ["ok"] });
    const messages: ChatTurn[] = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello" },
      { role: "user", content: "Again" },
    ];
    await run(models.openai, messages);
    expect(standIns.openai.requests.at(-1)).toMatchObject({
      messages,
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 256,
    });
  });

  it("sends Anthropic the system turns in `system` and alternating user/assistant turns", async () => {
    standIns.anthropic.script({ tokens: ["ok"] });
    await run(models.anthropic, [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
      { role: "user", content: "Are you there?" },
      { role: "assistant", content: "Hello" },
      { role: "system", content: "Answer in French." },
      { role: "user", content: "Again" },
    ]);
    const sent = standIns.anthropic.requests.at(-1)!;
    expect(sent).toMatchObject({ system: "Be brief.\n\nAnswer in French.", max_tokens: 256, stream: true });
    expect(sent.messages).toEqual([
      { role: "user", content: "Hi\n\nAre you there?" },
      { role: "assistant", content: "Hello" },
      { role: "user", content: "Again" },
    ]);
  });
});

describe("configuration", () => {
  it("uses MODEL_UPSTREAM_<ID> as the provider's model name", async () => {
    const turbo = findModel("gpt-4-turbo")!;
    expect(upstreamModelName(turbo)).toBe("gpt-4-turbo");
    process.env.MODEL_UPSTREAM_GPT_4_TURBO = "gpt-4-turbo-2024-04-09";
    try {
      expect(upstreamModelName(turbo)).toBe("gpt-4-turbo-2024-04-09");
      standIns.openai.script({ tokens: ["ok"] });
      const { error } = await run(turbo);
      expect(error).toBeUndefined();
      expect(standIns.openai.requests.at(-1)!.model).toBe("gpt-4-turbo-2024-04-09");
    } finally {
      delete process.env.MODEL_UPSTREAM_GPT_4_TURBO;
    }
  });

  it("turns a wrong key into a ProviderError with status 401, for both providers", async () => {
    await withEnvironment({ OPENAI_API_KEY: "wrong-key", ANTHROPIC_API_KEY: "wrong-key" }, async (providers) => {
      for (const model of Object.values(models)) {
        const { error } = await run(model, question, undefined, providers.streamCompletion);
        expect(error).toBeInstanceOf(providers.ProviderError);
        expect(error).toMatchObject({ status: 401, retryable: false });
        expect((error as Error).message).toMatch(/refused the request \(401\): (Incorrect API key provided|invalid x-api-key)/);
      }
    });
  });

  it("says which variable to set when a provider has no key, and reports it unavailable", async () => {
    await withEnvironment({ ANTHROPIC_API_KEY: undefined }, async (providers) => {
      expect(providers.providerStatus("anthropic")).toEqual({ available: false, offline: false });
      const requestsBefore = standIns.anthropic.requests.length;
      const { error } = await run(models.anthropic, question, undefined, providers.streamCompletion);
      expect(error).toBeInstanceOf(providers.ProviderError);
      expect((error as Error).message).toBe("Anthropic is not configured: set ANTHROPIC_API_KEY");
      expect(standIns.anthropic.requests.length).toBe(requestsBefore);
    });
  });

  it("reports a provider as offline when STAND_INS names it, whatever its key", async () => {
    await withEnvironment({ STAND_INS: "openai" }, async (providers) => {
      expect(providers.providerStatus("openai")).toEqual({ available: true, offline: true });
      expect(providers.providerStatus("anthropic")).toEqual({ available: true, offline: false });
    });
    // A key that happens to read like the stand-in's is a real key.
    await withEnvironment({ OPENAI_API_KEY: "offline-stand-in", STAND_INS: undefined }, async (providers) => {
      expect(providers.providerStatus("openai")).toEqual({ available: true, offline: false });
    });
  });

  it("turns an unreachable provider into a retryable ProviderError", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await withEnvironment({ OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` }, async (providers) => {
      const { error } = await run(models.openai, question, undefined, providers.streamCompletion);
      expect(error).toBeInstanceOf(providers.ProviderError);
      expect(error).toMatchObject({ status: undefined, retryable: true });
      expect((error as Error).message).toMatch(/^The model provider \(OpenAI\) could not be reached/);
    });
  });

  it("turns a connection dropped mid-answer into a retryable ProviderError, after the text that came before it", async () => {
    // A provider whose connection breaks after two tokens: no error event, no end of the stream.
    const dropping = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chunk = (content: string) =>
        `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 0, model: "m", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
      res.write(chunk("Half"));
      res.write(chunk(" an"));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((resolve) => dropping.listen(0, "127.0.0.1", resolve));
    const { port } = dropping.address() as AddressInfo;
    try {
      await withEnvironment({ OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` }, async (providers) => {
        const { events, error } = await run(models.openai, question, undefined, providers.streamCompletion);
        expect(texts(events).join("")).toBe("Half an");
        expect(error).toBeInstanceOf(providers.ProviderError);
        expect(error).toMatchObject({ status: undefined, retryable: true });
        expect((error as Error).message).toMatch(/^The model provider \(OpenAI\) connection failed mid-answer/);
      });
    } finally {
      await new Promise((resolve) => dropping.close(resolve));
    }
  });
  it("asks again on a new connection when the provider closed a kept-alive one just as it was reused", async () => {
    // A provider that drops each connection as the second request arrives on it (its idle timeout, met in flight).
    const requestsOn = new WeakMap<object, number>();
    let requests = 0;
    const closing = http.createServer((req, res) => {
      requests++;
      const count = (requestsOn.get(req.socket) ?? 0) + 1;
      requestsOn.set(req.socket, count);
      if (count > 1) return void req.socket.destroy();
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 0, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.end(`${chunk({ content: "Hello" }, null)}${chunk({}, "stop")}data: [DONE]\n\n`);
    });
    await new Promise<void>((resolve) => closing.listen(0, "127.0.0.1", resolve));
    const { port } = closing.address() as AddressInfo;
    try {
      await withEnvironment({ OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` }, async (providers) => {
        const first = await run(models.openai, question, undefined, providers.streamCompletion);
        const second = await run(models.openai, question, undefined, providers.streamCompletion);
        expect([first.error, second.error]).toEqual([undefined, undefined]);
        expect([texts(first.events).join(""), texts(second.events).join("")]).toEqual(["Hello", "Hello"]);
        expect(requests).toBe(3);
      });
    } finally {
      await new Promise((resolve) => closing.close(resolve));
    }
  });
  it("turns an answer whose status no fetch can represent into a ProviderError, and the server keeps running", async () => {
    // A misbehaving gateway in front of the provider.
    const odd = http.createServer((_req, res) => {
      res.writeHead(600, { "content-type": "text/event-stream" });
      res.end();
    });
    await new Promise<void>((resolve) => odd.listen(0, "127.0.0.1", resolve));
    const { port } = odd.address() as AddressInfo;
    try {
      await withEnvironment({ OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` }, async (providers) => {
        const { events, error } = await run(models.openai, question, undefined, providers.streamCompletion);
        expect(events).toEqual([]);
        expect(error).toBeInstanceOf(providers.ProviderError);
        expect((error as Error).message).toMatch(/^The model provider \(OpenAI\) could not be reached/);
      });
    } finally {
      await new Promise((resolve) => odd.close(resolve));
    }
  });
});
