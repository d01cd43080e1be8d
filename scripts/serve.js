// Production server: the built React Router app on Express. It adds what
// react-router-serve cannot: the client's address for rate limiting, no
// compression of streamed answers, and a graceful drain on SIGTERM.
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@react-router/express";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = path.resolve(root, process.env.CAIRN_BUILD_DIR ?? "build");
const build = await import(path.join(buildDir, "server/index.js"));
const entry = build.entry.module;

try {
  entry.prepareServer();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
app.use(
  compression({
    // Streams (chat answers, server-sent events) must reach the browser token by token.
    filter: (req, res) => {
      const type = String(res.getHeader("Content-Type") ?? "");
      if (type.startsWith("text/event-stream") || res.getHeader("X-Accel-Buffering") === "no") return false;
      return compression.filter(req, res);
    },
  }),
);
app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
app.all("/{*splat}", createRequestHandler({ build, getLoadContext: (req) => entry.createLoadContext(req) }));

const port = Number(process.env.PORT || 3000);
const server = app.listen(port, () => console.log(`Cairn listening on http://localhost:${port}`));

let closing = false;
function shutdown(signal) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: draining open requests`);
  const jobsStopped = entry.stopBackgroundWork();
  server.close(() => jobsStopped.finally(() => process.exit(0)));
  server.closeIdleConnections();
  // Fly sends SIGKILL after its kill_timeout; leave before that, whatever is still open.
  setTimeout(() => process.exit(0), Number(process.env.SHUTDOWN_TIMEOUT_MS || 25_000)).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
