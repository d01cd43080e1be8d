// Production server: the built React Router app on Express. It adds what
// react-router-serve cannot: the client's address for rate limiting, no
// compression of streamed answers, connections closed after an answer that
// left the request body unread, the error shape for paths Express refuses,
// a graceful drain on SIGTERM, and a cheaper way to write streamed bodies
// (react-router-handler.js).
import compression from "compression";
import express from "express";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { reactRouterHandler } from "./react-router-handler.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = path.resolve(root, process.env.CAIRN_BUILD_DIR ?? "build");
const build = await import(path.join(buildDir, "server/index.js"));
const entry = build.entry.module;

const log = entry.logger();

try {
  entry.prepareServer();
} catch (error) {
  log.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// An answer sent before the request body was read (413, 401, 429 …) must not
// leave the rest of that body on the connection, stalling the client's next
// request on it: such a connection is closed after the answer. Not at once:
// closing a socket that still has unread data resets it, and the client could
// lose the answer it has not read yet. So the server sends the answer and its
// FIN, then reads and drops what the client still sends for a while ("lingering close").
const LINGER_MS = 5_000;
const LINGER_BYTES = 32 * 1024 * 1024;
app.use((req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!req.complete) {
      res.shouldKeepAlive = false;
      lingerBeforeClosing(req);
    }
    return writeHead.apply(this, args);
  };
  next();
});

function lingerBeforeClosing(req) {
  const socket = req.socket;
  // Node calls destroySoon() once the answer of a `Connection: close` response is written.
  socket.destroySoon = () => {
    socket.end();
    let dropped = 0;
    const close = () => {
      clearTimeout(timer);
      socket.destroy();
    };
    const timer = setTimeout(close, LINGER_MS);
    req.removeAllListeners("data");
    req.on("data", (chunk) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) close();
    });
    req.once("end", close);
    req.once("error", close);
    req.resume();
  };
}
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
app.all("/{*splat}", reactRouterHandler({ build, getLoadContext: (req) => entry.createLoadContext(req) }));
// What Express itself refuses (a path with a malformed % escape, say): the API's error shape, one log line, no stack.
app.use((error, req, res, _next) => {
  const status = Number(error?.status ?? error?.statusCode) || 500;
  if (status >= 500) log.error({ err: error, path: req.path }, "request failed before routing");
  else log.warn({ status, method: req.method, url: req.originalUrl.slice(0, 200) }, error.message || "bad request");
  if (res.headersSent) return res.end();
  res.shouldKeepAlive = false;
  res.status(status).json({
    error: status >= 500 ? "Internal server error" : status === 400 ? "Bad request: the address could not be read" : String(error.message),
  });
});

const port = Number(process.env.PORT || 3000);
const server = app.listen(port, () => log.info(`Cairn listening on http://localhost:${port}`));

let closing = false;
function shutdown(signal) {
  if (closing) return;
  closing = true;
  log.info(`${signal}: draining open requests`);
  const jobsStopped = entry.stopBackgroundWork();
  server.close(() => jobsStopped.finally(() => process.exit(0)));
  server.closeIdleConnections();
  // Fly sends SIGKILL after its kill_timeout; leave before that, whatever is still open.
  setTimeout(() => process.exit(0), Number(process.env.SHUTDOWN_TIMEOUT_MS || 25_000)).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
