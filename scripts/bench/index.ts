// npm run bench [-- scenario…] — measures Cairn's performance targets side by
// side with a baseline taken in the same run, and prints a table.
// Scenarios: stream (issue 3; needs `npm run build` first, it runs the built server), retrieval and ingest (issue 4),
// page (issue 14; reads the build, so `npm run build` first).
import { runIngestBench } from "./ingest";
import { runPageBench } from "./page";
import { runRetrievalBench } from "./retrieval";
import { runStreamBench } from "./stream";

const scenarios: Record<string, () => Promise<Row[]>> = {
  stream: runStreamBench,
  retrieval: runRetrievalBench,
  ingest: runIngestBench,
  page: runPageBench,
};
export type Row = { scenario: string; metric: string; cairn: string; baseline: string; target: string; met: boolean | null };

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = wanted.length ? wanted : Object.keys(scenarios);
const rows: Row[] = [];
for (const name of names) {
  const run = scenarios[name];
  if (!run) {
    console.error(`Unknown scenario "${name}". Known: ${Object.keys(scenarios).join(", ")}`);
    process.exit(2);
  }
  console.error(`running ${name}…`);
  rows.push(...(await run()));
}

const header = ["scenario", "metric", "cairn", "baseline", "target", "met"];
const table = [
  header,
  ...rows.map((r) => [r.scenario, r.metric, r.cairn, r.baseline, r.target, r.met === null ? "—" : r.met ? "yes" : "NO"]),
];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
console.log(line(table[0]!));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table.slice(1)) console.log(line(row));
process.exit(0);
