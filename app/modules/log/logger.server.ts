// Structured logs (pino): JSON lines in production, readable lines in
// development. Every line written while a request is handled carries its
// request id, through AsyncLocalStorage, so module code logs without
// threading the request through.
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` with `requestId` attached to every log line it (and what it awaits) writes. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestScope.run({ requestId }, fn);
}

export const currentRequestId = () => requestScope.getStore()?.requestId;

let root: Logger | undefined;

export function logger(): Logger {
  if (!root) {
    const production = process.env.NODE_ENV === "production";
    const options: pino.LoggerOptions = {
      level: process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "warn" : "info"),
      base: undefined,
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    };
    // pino-pretty as a plain stream (no worker thread), so it also works inside Vite's dev server.
    root = production ? pino(options) : pino(options, pretty({ colorize: process.stdout.isTTY, sync: true, destination: process.stdout }));
  }
  return root;
}

/** The one way an unexpected error is logged: once, with its stack and the request id. */
export function logError(error: unknown, message: string) {
  logger().error({ err: error }, message);
}
