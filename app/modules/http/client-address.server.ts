// The caller's network address, set by the production server (scripts/serve.js)
// for rate limiting. On Fly the edge proxy's Fly-Client-IP is the real client;
// elsewhere the socket address is. Client-sent X-Forwarded-For is never trusted.
import ipaddr from "ipaddr.js";
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

/**
 * The address as a rate-limit key: IPv4 as is (also when written as IPv6),
 * IPv6 by its /64 — one subscriber usually holds a whole /64, so keying by
 * the full address would give them billions of budgets.
 */
export function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
}

/** The caller's address as a rate-limit key (clientKey): what every per-address limit counts by. */
export function clientLimitKey(context: Readonly<RouterContextProvider> | undefined): string {
  return clientKey(clientAddress(context));
}
