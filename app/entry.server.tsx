import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import { ServerRouter, type EntryContext, type HandleErrorFunction, type RouterContextProvider } from "react-router";
import { env } from "~/modules/config/env.server";
import { recoverInterruptedAnswers } from "~/modules/chat/answer.server";
import { db } from "~/modules/db/database.server";
import { logError } from "~/modules/log/logger.server";
import { startJobWorker, stopJobWorker } from "~/modules/jobs/jobs.server";
import { registerMailDelivery } from "~/modules/mail/mail.server";
import { registerIngestion } from "~/modules/rag/ingest.server";
import { isPrimary } from "~/modules/replication/primary.server";

// Used by the production server (scripts/serve.js), which shares this bundle's context objects and logger.
export { createLoadContext } from "~/modules/http/client-address.server";
export { logger } from "~/modules/log/logger.server";

/**
 * Fails fast on bad configuration, migrates the database before the first
 * request, and (on the primary) recovers answers a previous process left
 * streaming and starts the background job worker (document ingestion, mail).
 */
export function prepareServer() {
  env();
  db();
  if (!isPrimary()) return;
  recoverInterruptedAnswers();
  registerIngestion();
  registerMailDelivery();
  startJobWorker();
}

/** On SIGTERM: the running job finishes its current step; queued ones wait for the next start. */
export async function stopBackgroundWork() {
  await stopJobWorker();
}

// The dev server has no serve.js: prepare when Vite first loads this module.
if (import.meta.env.DEV) prepareServer();

export const streamTimeout = 5_000;

/** Errors React Router caught while serving (not a client's going away): logged once, with the request id. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  logError(error, "unexpected error while rendering or loading");
};

/**
 * The page's Content-Security-Policy: scripts only from this origin or with
 * this response's nonce (React Router's inline hydration scripts carry it).
 * Styles allow inline attributes (toasts and math are styled inline).
 */
function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

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
  // Vite's dev server injects its own inline scripts; the policy guards production builds. Without a
  // policy there is no nonce either (the browser hides it from the page, so React in development would
  // report every nonce as a hydration mismatch).
  const nonce = import.meta.env.DEV ? undefined : randomBytes(16).toString("base64");
  if (nonce) responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
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

    const { pipe, abort } = renderToPipeableStream(<ServerRouter context={routerContext} url={request.url} nonce={nonce} />, {
      nonce,
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
        if (shellRendered) logError(error, "error while streaming a page");
      },
    });
  });
}
