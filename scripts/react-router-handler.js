// The Express handler of the production server: React Router's request
// handler, with the response body written to the socket by a plain read/write
// loop. @react-router/express does the same job with a Promise.race and three
// more promises per chunk, which a streamed answer pays on every token.
import { createReadableStreamFromReadable } from "@react-router/node";
import { createRequestHandler } from "react-router";

export function reactRouterHandler({ build, getLoadContext }) {
  const handle = createRequestHandler(build, process.env.NODE_ENV);
  return async (req, res, next) => {
    try {
      const response = await handle(toRequest(req, res), await getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/** The Fetch API request React Router reads; its signal aborts when the client leaves before the answer is written. */
function toRequest(req, res) {
  const trusted = req.app.enabled("trust proxy");
  const hostHeader = (trusted && req.get("X-Forwarded-Host")) || req.get("host") || "";
  const port = Number.parseInt(hostHeader.split(":")[1] ?? "", 10);
  const host = `${req.hostname?.split(/[\\/?#@]/)[0] || "localhost"}${Number.isSafeInteger(port) ? `:${port}` : ""}`;
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const each of value) headers.append(name, each);
    else if (value !== undefined) headers.set(name, value);
  }
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(`${req.protocol}://${host}${req.originalUrl}`, init);
}

async function sendResponse(res, response) {
  if (res.destroyed || res.writableEnded) return void (await response.body?.cancel());
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (!response.body) return void res.end();
  if (response.body[WRITE_TO_NODE]) return writeToNode(res, response.body[WRITE_TO_NODE]);

  const reader = response.body.getReader();
  // The client left: stop the body (a streamed answer stops and is settled).
  const onClose = () => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
  };
  res.once("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      const written = res.write(value);
      // Compressed pages (compression's res.flush) go out as React streams them, not when gzip's buffer fills.
      res.flush?.();
      if (!written) await drainedOrClosed(res);
    }
    if (!res.destroyed) res.end();
  } catch (error) {
    // The body failed: cut the response off, so the client sees a broken answer, not a complete one.
    res.once("error", () => {});
    res.destroy(error instanceof Error ? error : undefined);
  } finally {
    res.off("close", onClose);
  }
}

// A body that can write itself (a streamed chat answer, app/modules/chat/answer-response.server.ts)
// is given the response to write to: its tokens reach the socket without a web stream between.
const WRITE_TO_NODE = Symbol.for("cairn.writeToNode");

function writeToNode(res, writeTo) {
  const stop = writeTo({
    write: (text) => {
      if (!res.destroyed) res.write(text);
    },
    end: () => res.end(),
    // A failed body: cut the response off, so the client sees a broken answer, not a complete one.
    fail: (error) => {
      res.once("error", () => {});
      res.destroy(error);
    },
  });
  // The client left: stop the answer (it is still settled and stored).
  res.once("close", () => {
    if (!res.writableFinished) stop();
  });
}

function drainedOrClosed(res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
