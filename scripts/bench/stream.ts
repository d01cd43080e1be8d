// Scenario "stream" (issue 14): 200 concurrent chat answers through Cairn's
// production server against the loopback OpenAI stand-in (fixed inter-token
// delay), beside the same 200 streams through a minimal Node proxy doing the
// same wire job (minimal-proxy.mjs) and taken directly from the stand-in, all
// in the same run. Reports time to first byte (p50/p99), server CPU per
// streamed token (in the second of two bursts, and in the first beside it),
// tokens lost, memory per open stream, and p99 while a 300-page PDF is being
// ingested.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { startOpenAIEmbeddingsStandIn } from "../../tests/fakes/openai-embeddings";
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

/** A 300-page PDF of plain prose, to ingest while streams run. */
async function bigPdf(pages = 300): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const line = "The quarterly schedule lists each supplier, its warranty clause and the budget forecast for the year.";
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([595, 842]);
    for (let l = 0; l < 40; l++) page.drawText(`${p + 1}.${l + 1} ${line}`, { x: 40, y: 800 - l * 19, size: 9, font });
  }
  return pdf.save();
}

function spawnWithOrigin(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => child.stdout!.once("data", (d) => resolve({ child, origin: String(d).trim() })));
}

export async function runStreamBench(): Promise<Row[]> {
  const expected = Array.from({ length: TOKENS }, (_, i) => (i === 0 ? "token0" : ` token${i}`)).join("");
  const { child: model, origin: modelBaseURL } = await spawnWithOrigin(["--import", "tsx", "scripts/bench/stand-in.ts"], {
    ...process.env,
    BENCH_TOKENS: String(TOKENS),
    BENCH_TOKEN_DELAY_MS: String(TOKEN_DELAY_MS),
  });
  const standIn = { apiKey: "bench-key", baseURL: modelBaseURL };
  const { child: proxy, origin: proxyOrigin } = await spawnWithOrigin(["scripts/bench/minimal-proxy.mjs"], {
    ...process.env,
    UPSTREAM_URL: standIn.baseURL,
    UPSTREAM_API_KEY: standIn.apiKey,
  });
  const embeddings = await startOpenAIEmbeddingsStandIn({ apiKey: "bench-embeddings-key" });

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
    EMBEDDING_BASE_URL: embeddings.baseURL,
    EMBEDDING_API_KEY: "bench-embeddings-key",
    EMBEDDING_MODEL: "text-embedding-3-small",
    SMTP_URL: "",
    LOG_LEVEL: "warn",
    // One account opens every stream: its limits must not be what is measured (they still run).
    RATE_LIMIT_PER_MINUTE: "1000000",
    RATE_LIMIT_MODEL_PER_MINUTE: "1000000",
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
    const question = JSON.stringify({ messages: [{ role: "user", content: "Benchmark question" }] });
    const chatInit = (): RequestInit => ({
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl, Cookie: cookie, "Accept-Encoding": "gzip, deflate, br" },
      body: question,
    });
    const proxyInit = (): RequestInit => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: question });
    const directInit = (): RequestInit => ({
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${standIn.apiKey}`, "Accept-Encoding": "gzip, deflate, br" },
      body: JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "Benchmark question" }] }),
    });
    const openDirect = () => timedStream(`${standIn.baseURL}/chat/completions`, directInit(), openAIText({ rest: "" }));
    const openProxy = () => timedStream(`${proxyOrigin}/chat`, proxyInit(), (c) => c);
    const openCairn = () => timedStream(`${baseUrl}/api/chat`, chatInit(), (c) => c);

    // Warm every path (JIT, connection set-up) before measuring.
    for (const open of [openCairn, openProxy, openDirect]) for (let i = 0; i < 5; i++) await open();

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
    /** 200 staggered streams, with the CPU the serving process used for them. */
    const measured = async (open: () => Promise<StreamResult>, pid: number) => {
      const cpuBefore = cpuSeconds(pid);
      const results = await staggered(open);
      return { results, cpuMicrosPerToken: ((cpuSeconds(pid) - cpuBefore) * 1e6) / (STREAMS * TOKENS) };
    };

    const directAlone = await sequential(openDirect);
    const cairnAlone = await sequential(openCairn);

    const direct = await staggered(openDirect);
    // Each server takes the 200 streams twice: the first burst still pays V8's compiling of the hot
    // code (far more of it in Cairn than in the proxy), the second is what a running server costs.
    const proxyFirst = await measured(openProxy, proxy.pid!);
    const cairnFirst = await measured(openCairn, server.pid!);
    const viaProxy = await measured(openProxy, proxy.pid!);
    const idleRss = rssKiB(server.pid!);
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssKiB(server.pid!))), 20);
    const viaCairn = await measured(openCairn, server.pid!);
    clearInterval(sampler);

    // The same streams again while a 300-page PDF is extracted, chunked, embedded and stored.
    const upload = new FormData();
    upload.append("file", new Blob([(await bigPdf()) as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), "handbook.pdf");
    const uploaded = await fetch(`${baseUrl}/api/upload`, { method: "POST", headers: { Origin: baseUrl, Cookie: cookie }, body: upload });
    if (!uploaded.ok) throw new Error(`upload answered ${uploaded.status}: ${await uploaded.text()}`);
    const { documentId } = (await uploaded.json()) as { documentId: string };
    const whileIngesting = await staggered(openCairn);
    const workspaces = (await (await fetch(`${baseUrl}/api/workspaces/`, { headers: { Cookie: cookie } })).json()) as {
      workspaces: { id: string }[];
    };
    const status = (await (
      await fetch(`${baseUrl}/api/workspaces/${workspaces.workspaces[0]!.id}/documents/${documentId}/processing-status`, {
        headers: { Cookie: cookie },
      })
    ).json()) as { status: string; progress: { chunksDone: number; chunksTotal: number } };

    // Every token is "token<i>": the ones missing from a received text were lost.
    const lost = (results: StreamResult[]) => results.reduce((n, r) => n + TOKENS - (r.text.split("token").length - 1), 0);
    const ttfbs = (results: StreamResult[]) => results.map((r) => r.ttfb);
    const [cairnP50, cairnP99] = [percentile(ttfbs(viaCairn.results), 50), percentile(ttfbs(viaCairn.results), 99)];
    const [proxyP50, proxyP99] = [percentile(ttfbs(viaProxy.results), 50), percentile(ttfbs(viaProxy.results), 99)];
    const ingestingP99 = percentile(ttfbs(whileIngesting), 99);
    const cairnBursts = [...cairnFirst.results, ...viaCairn.results, ...whileIngesting];
    const lostCairn = lost(cairnBursts);
    const perStreamKiB = (peakRss - idleRss) / STREAMS;
    const complete = cairnBursts.filter((r) => r.text === expected).length;
    const aloneAdded = percentile(ttfbs(cairnAlone), 50) - percentile(ttfbs(directAlone), 50);
    const row = (metric: string, cairn: string, baseline: string, target = "", met: boolean | null = null): Row => ({
      scenario: "stream",
      metric,
      cairn,
      baseline,
      target,
      met,
    });
    const us = (v: number) => `${v.toFixed(0)} µs`;
    return [
      row(
        "TTFB p50, one stream at a time (baseline: the model directly)",
        ms(percentile(ttfbs(cairnAlone), 50)),
        ms(percentile(ttfbs(directAlone), 50)),
      ),
      row("added TTFB p50, one at a time", ms(aloneAdded), "—"),
      row(
        `TTFB p50, ${STREAMS} open streams (baseline: minimal proxy)`,
        ms(cairnP50),
        ms(proxyP50),
        "≤ 1.5 × proxy",
        cairnP50 <= 1.5 * proxyP50,
      ),
      row(
        `TTFB p99, ${STREAMS} open streams (baseline: minimal proxy)`,
        ms(cairnP99),
        ms(proxyP99),
        "≤ 2 × proxy",
        cairnP99 <= 2 * proxyP99,
      ),
      row(
        `server CPU per streamed token, ${STREAMS} streams (second burst)`,
        us(viaCairn.cpuMicrosPerToken),
        us(viaProxy.cpuMicrosPerToken),
        "≤ 1.5 × proxy",
        viaCairn.cpuMicrosPerToken <= 1.5 * viaProxy.cpuMicrosPerToken,
      ),
      row(
        `server CPU per streamed token, ${STREAMS} streams, first burst after start-up (JIT still compiling)`,
        us(cairnFirst.cpuMicrosPerToken),
        us(proxyFirst.cpuMicrosPerToken),
      ),
      row(
        `TTFB p50 / p99 taken directly from the model`,
        `${ms(percentile(ttfbs(direct), 50))} / ${ms(percentile(ttfbs(direct), 99))}`,
        "—",
      ),
      row(
        `TTFB p99 while a 300-page PDF is ingested (${status.progress.chunksDone}/${status.progress.chunksTotal} chunks by the end, ${status.status})`,
        ms(ingestingP99),
        `${ms(cairnP99)} without`,
        "≤ 1.2 × without",
        ingestingP99 <= 1.2 * cairnP99,
      ),
      row("tokens lost", String(lostCairn), String(lost(viaProxy.results)), "0", lostCairn === 0),
      row(
        "complete answers",
        `${complete}/${cairnBursts.length}`,
        `${viaProxy.results.filter((r) => r.text === expected).length}/${STREAMS}`,
        `${cairnBursts.length}/${cairnBursts.length}`,
        complete === cairnBursts.length,
      ),
      row("server memory per open stream", `${perStreamKiB.toFixed(1)} KiB`, `idle RSS ${(idleRss / 1024).toFixed(0)} MiB`),
    ];
  } finally {
    server.kill("SIGTERM");
    model.kill("SIGTERM");
    proxy.kill("SIGTERM");
    await embeddings.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
