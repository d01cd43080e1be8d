// The caller's network address, set by the production server (scripts/serve.js)
// for rate limiting. On Fly the edge proxy's Fly-Client-IP is the real client;
// elsewhere the socket address is. Client-sent X-Forwarded-For is never trusted.
import { createContext, RouterContextProvider } from "react-router";
import type { IncomingMessage } from "node:http";

export const clientAddressContext = createContext<string>("unknown");

export function createLoadContext(req: IncomingMessage): RouterContextProvider {
  const context = new RouterContextProvider();
  const flyClientIp = process.env.FLY_APP_NAME ? req.headers["fly-client-ip"] : undefined;
  const address = (typeof flyClientIp === "string" && flyClientIp) || req.socket.remoteAddress || "unknown";
  context.set(clientAddressContext, address);
  return context;
}

export function clientAddress(context: Readonly<RouterContextProvider> | undefined): string {
  try {
    return context?.get(clientAddressContext) ?? "unknown";
  } catch {
    return "unknown";
  }
}
