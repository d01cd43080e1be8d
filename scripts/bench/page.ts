// Scenario "page" (issue 14): the JavaScript a browser downloads before the
// chat screen can run, gzipped as the production server sends it. Read from
// the React Router manifest of a client build: the entry, the routes root →
// app layout → chats with their static imports, and the manifest itself
// (code loaded on demand — markdown, math, highlighting, dialogs — is not
// counted). The baseline is the same figure for the commit this work started
// from, built from git into a temporary folder in the same run (cached per
// commit); `npm run build` first, for Cairn's own figure.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { Row } from "./index";

/** The commit before the chat screen was rebuilt (issues 13 and 14). */
const BASELINE_COMMIT = "e3466133ea9e07d88db5eab1d7c746ea9519339e";
/** Its figure as this scenario measured it, for a checkout without that commit (e.g. a Docker build context). */
const BASELINE_RECORDED_BYTES = 237_633;
const TARGET_BYTES = 150_000;
const CHAT_ROUTES = ["root", "routes/app/layout", "routes/app/chats"];

type Manifest = {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

/** Gzipped bytes of the chat screen's first-load JavaScript in a client build folder. */
export function chatFirstLoadBytes(clientDir: string): { bytes: number; files: number } {
  const assets = path.join(clientDir, "assets");
  const manifestFile = fs.readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (!manifestFile) throw new Error(`No React Router manifest in ${assets}: run \`npm run build\` first`);
  const source = fs.readFileSync(path.join(assets, manifestFile), "utf8");
  const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;
  const files = new Set([`/assets/${manifestFile}`, manifest.entry.module, ...manifest.entry.imports]);
  for (const id of CHAT_ROUTES) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`The build has no route "${id}"`);
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  let bytes = 0;
  for (const file of files) bytes += zlib.gzipSync(fs.readFileSync(path.join(clientDir, file))).length;
  return { bytes, files: files.size };
}

/** Builds the baseline commit in a temporary folder (once; the figure is cached by commit). */
function baselineBytes(): { bytes: number; how: string } {
  const cache = path.resolve("node_modules/.cache/cairn-bench", `page-${BASELINE_COMMIT}.json`);
  if (fs.existsSync(cache)) return { bytes: (JSON.parse(fs.readFileSync(cache, "utf8")) as { bytes: number }).bytes, how: "built" };
  try {
    execFileSync("git", ["cat-file", "-e", `${BASELINE_COMMIT}^{commit}`], { stdio: "ignore" });
  } catch {
    return { bytes: BASELINE_RECORDED_BYTES, how: "recorded" };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-page-baseline-"));
  try {
    console.error(`building ${BASELINE_COMMIT.slice(0, 7)} in ${dir} for the baseline…`);
    execFileSync("sh", ["-c", `git archive ${BASELINE_COMMIT} | tar -x -C "${dir}"`], { stdio: "inherit" });
    // Its own dependencies, from npm's cache when they are there; no install scripts (nothing native is built for this).
    execFileSync("npm", ["ci", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: dir,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
    });
    execFileSync("npx", ["react-router", "build"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
    const { bytes } = chatFirstLoadBytes(path.join(dir, "build/client"));
    fs.mkdirSync(path.dirname(cache), { recursive: true });
    fs.writeFileSync(cache, JSON.stringify({ commit: BASELINE_COMMIT, bytes }));
    return { bytes, how: "built" };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export async function runPageBench(): Promise<Row[]> {
  const cairn = chatFirstLoadBytes(path.resolve("build/client"));
  const baseline = baselineBytes();
  return [
    {
      scenario: "page",
      metric: `chat screen first-load JS, gzipped (${cairn.files} files)`,
      cairn: kB(cairn.bytes),
      baseline: `${kB(baseline.bytes)} (${BASELINE_COMMIT.slice(0, 7)}, ${baseline.how})`,
      target: `≤ ${kB(TARGET_BYTES)}`,
      met: cairn.bytes <= TARGET_BYTES,
    },
  ];
}
