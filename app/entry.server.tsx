import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import { ServerRouter, type EntryContext, type RouterContextProvider } from "react-router";
import { env } from "~/modules/config/env.server";
import { recoverInterruptedAnswers } from "~/modules/chat/answer.server";
import { db } from "~/modules/db/database.server";
import { startJobWorker, stopJobWorker } from "~/modules/jobs/jobs.server";
import { registerIngestion } from "~/modules/rag/ingest.server";
import { isPrimary } from "~/modules/replication/primary.server";

// Used by the production server (scripts/serve.js), which shares this bundle's context objects.
export { createLoadContext } from "~/modules/http/client-address.server";

/**
 * Fails fast on bad configuration, migrates the database before the first
 * request, and (on the primary) recovers answers a previous process left
 * streaming and starts the background job worker (document ingestion).
 */
export function prepareServer() {
  env();
  db();
  if (!isPrimary()) return;
  recoverInterruptedAnswers();
  registerIngestion();
  startJobWorker();
}

/** On SIGTERM: the running job finishes its current step; queued ones wait for the next start. */
export async function stopBackgroundWork() {
  await stopJobWorker();
}

// The dev server has no serve.js: prepare when Vite first loads this module.
if (import.meta.env.DEV) prepareServer();

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  _loadContext: RouterContextProvider,
) {
  responseHeaders.set("X-Content-Type-Options", "nosniff");
  responseHeaders.set("Referrer-Policy", "strict-origin-when-cross-origin");
  responseHeaders.set("X-Frame-Options", "DENY");
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    // Bots get the whole document at once; people get the shell as soon as it is ready.
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";

    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    const { pipe, abort } = renderToPipeableStream(<ServerRouter context={routerContext} url={request.url} />, {
      [readyOption]() {
        shellRendered = true;
        const body = new PassThrough({
          final(callback) {
            clearTimeout(timeoutId);
            timeoutId = undefined;
            callback();
          },
        });
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        pipe(body);
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
  });
}
