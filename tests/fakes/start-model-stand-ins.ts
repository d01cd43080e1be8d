// Starts the OpenAI and Anthropic stand-ins together, for `npm run dev`
// without keys. Run alone: `tsx tests/fakes/start-model-stand-ins.ts`
// (ports from STAND_IN_OPENAI_PORT / STAND_IN_ANTHROPIC_PORT, default 4010/4011).
import { startAnthropicStandIn } from "./anthropic";
import { startOpenAIStandIn } from "./openai";

/** The key both stand-ins accept; the app reads it as "answers come from an offline stand-in". */
export const STAND_IN_API_KEY = "offline-stand-in";

function portFromEnv(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${variable} must be a port number, got "${value}"`);
  return port;
}

export async function startModelStandIns(ports: { openaiPort?: number; anthropicPort?: number } = {}) {
  const openaiPort = ports.openaiPort ?? portFromEnv("STAND_IN_OPENAI_PORT", 4010);
  const anthropicPort = ports.anthropicPort ?? portFromEnv("STAND_IN_ANTHROPIC_PORT", 4011);
  const [openai, anthropic] = await Promise.all([
    startOpenAIStandIn({ port: openaiPort, apiKey: STAND_IN_API_KEY }),
    startAnthropicStandIn({ port: anthropicPort, apiKey: STAND_IN_API_KEY }),
  ]);
  return {
    apiKey: STAND_IN_API_KEY,
    openai,
    anthropic,
    close: async () => {
      await Promise.all([openai.close(), anthropic.close()]);
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const standIns = await startModelStandIns();
  console.log(`OpenAI stand-in:    OPENAI_BASE_URL=${standIns.openai.baseURL}`);
  console.log(`Anthropic stand-in: ANTHROPIC_BASE_URL=${standIns.anthropic.baseURL}`);
  console.log(`API key for both:   ${standIns.apiKey}`);
  const stop = () => void standIns.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
