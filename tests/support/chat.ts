// Model stand-ins for chat tests, started before anything reads the environment.
import { startAnthropicStandIn } from "../fakes/anthropic";
import { startOpenAIStandIn } from "../fakes/openai";

export async function startProviders() {
  const openai = await startOpenAIStandIn({ tokenDelayMs: 2 });
  const anthropic = await startAnthropicStandIn({ tokenDelayMs: 2 });
  process.env.OPENAI_API_KEY = openai.apiKey;
  process.env.OPENAI_BASE_URL = openai.baseURL;
  process.env.ANTHROPIC_API_KEY = anthropic.apiKey;
  process.env.ANTHROPIC_BASE_URL = anthropic.baseURL;
  return { openai, anthropic, close: () => Promise.all([openai.close(), anthropic.close()]) };
}

/** Reads a plain-text answer to its end; a stream that ends in an error rejects. */
export async function readText(res: Response): Promise<string> {
  return await res.text();
}

export type SseEvent = { event: string; data: any };

export async function readEvents(res: Response): Promise<SseEvent[]> {
  const raw = await res.text();
  return raw
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => {
      const event = block.match(/^event: (.*)$/m)?.[1] ?? "message";
      const data = JSON.parse(block.match(/^data: (.*)$/m)?.[1] ?? "null");
      return { event, data };
    });
}

/** Resolves when `predicate` holds, polling the event loop (no wall-clock limit of its own). */
export async function until(predicate: () => boolean) {
  while (!predicate()) await new Promise((r) => setTimeout(r, 5));
}
