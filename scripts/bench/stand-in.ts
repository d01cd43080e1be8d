// The bench's model: the OpenAI stand-in in a process of its own (as a real
// provider is elsewhere), replying BENCH_TOKENS tokens "token0 token1 …" each
// BENCH_TOKEN_DELAY_MS apart. Prints its base URL when listening.
import { startOpenAIStandIn } from "../../tests/fakes/openai";

const count = Number(process.env.BENCH_TOKENS ?? 120);
const standIn = await startOpenAIStandIn({ tokenDelayMs: Number(process.env.BENCH_TOKEN_DELAY_MS ?? 25), apiKey: "bench-key" });
standIn.setDefault({ tokens: Array.from({ length: count }, (_, i) => (i === 0 ? "token0" : ` token${i}`)) });
console.log(standIn.baseURL);
process.on("SIGTERM", () => standIn.close().then(() => process.exit(0)));
