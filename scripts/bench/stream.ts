// Scenario "stream": 200 concurrent chat answers through Cairn's production
// server against the loopback OpenAI stand-in (fixed inter-token delay), and
// the same 200 streams taken directly from the stand-in, in the same run.
// Reports the time to first byte Cairn adds (p50/p99), tokens lost, and the
// server's memory per open stream.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Row } from "./index";

const STREAMS = 200;
const TOKENS = 120;
const TOKEN_DELAY_MS = 25;
// Streams start 5 ms apart and each lasts about 3 s, so all 200 are open
// together for most of the run (a burst of 200 requests in one millisecond
// would measure queueing in front of any single process, not Cairn).
const STAGGER_MS = 5;
const SEQUENTIAL = 30;
const PASSWORD = "bench password 1234";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmRSS:\s+(\d+)/)![1]);
}

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function waitForHealth(url: string, child: ChildProcess) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error("server exited during start-up");
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not become healthy");
}

type StreamResult = { ttfb: number; text: string };

/** Reads one streamed answer: time to the first body byte, and the whole text. */
async function timedStream(url: string, init: RequestInit, extract: (chunk: string) => string): Promise<StreamResult> {
  const started = performance.now();
  const res = await fetch(url, init);
  if (!res.ok || !res.body) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let ttfb = -1;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const piece = extract(value);
    if (ttfb < 0 && piece) ttfb = performance.now() - started;
    text += piece;
  }
  return { ttfb, text };
}

/** Text content of OpenAI SSE chunks (the direct baseline). */
function openAIText(buffered: { rest: string }) {
  return (chunk: string) => {
    buffered.rest += chunk;
    const events = buffered.rest.split("\n\n");
    buffered.rest = events.pop()!;
    let text = "";
    for (const event of events) {
      const data = event.replace(/^data: /, "");
      if (data === "[DONE]") continue;
      text += JSON.parse(data).choices?.[0]?.delta?.content ?? "";
    }
    return text;
  };
}

export async function runStreamBench(): Promise<Row[]> {
  const expected = Array.from({ length: TOKENS }, (_, i) => (i === 0 ? "token0" : ` token${i}`)).join("");
  const model = spawn(process.execPath, ["--import", "tsx", "scripts/bench/stand-in.ts"], {
    env: { ...process.env, BENCH_TOKENS: String(TOKENS), BENCH_TOKEN_DELAY_MS: String(TOKEN_DELAY_MS) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const standIn = {
    apiKey: "bench-key",
    baseURL: await new Promise<string>((resolve) => model.stdout!.once("data", (d) => resolve(String(d).trim()))),
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-bench-"));
  const databasePath = path.join(dir, "bench.db");
  const port = 3900 + Math.floor(Math.random() * 90);
  const baseUrl = `http://localhost:${port}`;
  const serverEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: baseUrl,
    DATABASE_PATH: databasePath,
    SESSION_SECRET: "bench-session-secret-at-least-32-characters",
    OPENAI_API_KEY: standIn.apiKey,
    OPENAI_BASE_URL: standIn.baseURL,
    SMTP_URL: "",
  };

  // An activated account with credits for every stream, made through Cairn's own modules.
  const setup = spawn(process.execPath, ["--import", "tsx", "scripts/bench/setup-account.ts"], { env: serverEnv, stdio: "inherit" });
  await new Promise((resolve, reject) =>
    setup.on("exit", (code) => (code === 0 ? resolve(null) : reject(new Error("bench setup failed")))),
  );

  // BENCH_CPU_PROF=<dir> writes a CPU profile of the server (open it in Chrome DevTools).
  const server = spawn(
    process.execPath,
    [...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), "scripts/serve.js"],
    { env: serverEnv, stdio: ["ignore", "ignore", "inherit"] },
  );
  try {
    await waitForHealth(`${baseUrl}/healthz`, server);
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl },
      body: JSON.stringify({ email: "bench@cairn.local", password: PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const chatInit = (): RequestInit => ({
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl, Cookie: cookie, "Accept-Encoding": "gzip, deflate, br" },
      body: JSON.stringify({ messages: [{ role: "user", content: "Benchmark question" }] }),
    });
    const directInit = (): RequestInit => ({
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${standIn.apiKey}`, "Accept-Encoding": "gzip, deflate, br" },
      body: JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "Benchmark question" }] }),
    });

    // Warm both paths (JIT, connection set-up) before measuring.
    await timedStream(`${baseUrl}/api/chat`, chatInit(), (c) => c);
    await timedStream(`${standIn.baseURL}/chat/completions`, directInit(), openAIText({ rest: "" }));

    const staggered = async (open: () => Promise<StreamResult>) =>
      Promise.all(
        Array.from({ length: STREAMS }, async (_, i) => {
          await new Promise((r) => setTimeout(r, i * STAGGER_MS));
          return open();
        }),
      );
    const sequential = async (open: () => Promise<StreamResult>) => {
      const results: StreamResult[] = [];
      for (let i = 0; i < SEQUENTIAL; i++) results.push(await open());
      return results;
    };
    const openDirect = () => timedStream(`${standIn.baseURL}/chat/completions`, directInit(), openAIText({ rest: "" }));
    const openCairn = () => timedStream(`${baseUrl}/api/chat`, chatInit(), (c) => c);

    const directAlone = await sequential(openDirect);
    const cairnAlone = await sequential(openCairn);

    const direct = await staggered(openDirect);
    const idleRss = rssKiB(server.pid!);
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssKiB(server.pid!))), 20);
    const [cpuBefore, wallBefore] = [cpuSeconds(server.pid!), performance.now()];
    const viaCairn = await staggered(openCairn);
    const serverCpuShare = (cpuSeconds(server.pid!) - cpuBefore) / ((performance.now() - wallBefore) / 1000);
    clearInterval(sampler);

    // Every token is "token<i>": the ones missing from a received text were lost.
    const lost = (results: StreamResult[]) => results.reduce((n, r) => n + TOKENS - (r.text.split("token").length - 1), 0);
    const cairnTtfb = viaCairn.map((r) => r.ttfb);
    const directTtfb = direct.map((r) => r.ttfb);
    const addedP50 = percentile(cairnTtfb, 50) - percentile(directTtfb, 50);
    const addedP99 = percentile(cairnTtfb, 99) - percentile(directTtfb, 99);
    const lostCairn = lost(viaCairn);
    const lostDirect = lost(direct);
    const perStreamKiB = (peakRss - idleRss) / STREAMS;
    const complete = viaCairn.filter((r) => r.text === expected).length;

    const aloneAdded =
      percentile(
        cairnAlone.map((r) => r.ttfb),
        50,
      ) -
      percentile(
        directAlone.map((r) => r.ttfb),
        50,
      );
    return [
      {
        scenario: "stream",
        metric: "TTFB p50, one stream at a time",
        cairn: ms(
          percentile(
            cairnAlone.map((r) => r.ttfb),
            50,
          ),
        ),
        baseline: ms(
          percentile(
            directAlone.map((r) => r.ttfb),
            50,
          ),
        ),
        target: "",
        met: null,
      },
      { scenario: "stream", metric: "added TTFB p50, one at a time", cairn: ms(aloneAdded), baseline: "—", target: "", met: null },
      {
        scenario: "stream",
        metric: `TTFB p50, ${STREAMS} open streams`,
        cairn: ms(percentile(cairnTtfb, 50)),
        baseline: ms(percentile(directTtfb, 50)),
        target: "",
        met: null,
      },
      {
        scenario: "stream",
        metric: `TTFB p99, ${STREAMS} open streams`,
        cairn: ms(percentile(cairnTtfb, 99)),
        baseline: ms(percentile(directTtfb, 99)),
        target: "",
        met: null,
      },
      {
        scenario: "stream",
        metric: `added TTFB p50, ${STREAMS} open`,
        cairn: ms(addedP50),
        baseline: "—",
        target: "≤ 5 ms",
        met: addedP50 <= 5,
      },
      {
        scenario: "stream",
        metric: `added TTFB p99, ${STREAMS} open`,
        cairn: ms(addedP99),
        baseline: "—",
        target: "≤ 25 ms",
        met: addedP99 <= 25,
      },
      {
        scenario: "stream",
        metric: "tokens lost",
        cairn: String(lostCairn),
        baseline: String(lostDirect),
        target: "0",
        met: lostCairn === 0,
      },
      {
        scenario: "stream",
        metric: "complete answers",
        cairn: `${complete}/${STREAMS}`,
        baseline: `${direct.filter((r) => r.text === expected).length}/${STREAMS}`,
        target: `${STREAMS}/${STREAMS}`,
        met: complete === STREAMS,
      },
      {
        scenario: "stream",
        metric: "server CPU while 200 stream",
        cairn: `${(serverCpuShare * 100).toFixed(0)}% of a core`,
        baseline: `${os.cpus().length} cores shared with model + clients`,
        target: "",
        met: null,
      },
      {
        scenario: "stream",
        metric: "server memory per open stream",
        cairn: `${perStreamKiB.toFixed(1)} KiB`,
        baseline: `idle RSS ${(idleRss / 1024).toFixed(0)} MiB`,
        target: "",
        met: null,
      },
    ];
  } finally {
    server.kill("SIGTERM");
    model.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
