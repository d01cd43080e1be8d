// CORS for browser tools on the origins listed in CORS_ORIGINS. They call the
// API with a Bearer key; cookies stay same-origin, so credentials are never
// allowed cross-origin. Other origins get no CORS headers at all.
import { env } from "~/modules/config/env.server";

const ALLOWED_HEADERS = ["authorization", "content-type"];
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

const EXPOSED = ["x-chat-id", "x-message-id", "x-request-id", "retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"];

/** The CORS headers for this request's Origin, or null when it is not listed. */
export function corsHeadersFor(request: Request): Record<string, string> | null {
  const origin = request.headers.get("Origin");
  if (!origin || !env().CORS_ORIGINS.includes(origin)) return null;
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Headers": ALLOWED_HEADERS.join(", "),
    "Access-Control-Expose-Headers": EXPOSED.join(", "),
    Vary: "Origin",
  };
}

/**
 * Besides authorization and content-type, a listed origin may send the other
 * headers it asks for: SDKs add their own (the openai client sends
 * x-stainless-*), and without credentials a header grants nothing.
 */
function allowedHeaders(request: Request): string {
  const requested = (request.headers.get("Access-Control-Request-Headers") ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => HEADER_NAME.test(name) && !ALLOWED_HEADERS.includes(name));
  return [...ALLOWED_HEADERS, ...new Set(requested)].join(", ");
}

/** The answer to a preflight (OPTIONS): 204, with the CORS headers when the origin is listed. */
export function preflightResponse(request: Request): Response {
  const cors = corsHeadersFor(request);
  const headers: Record<string, string> = { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" };
  if (cors)
    Object.assign(headers, cors, {
      "Access-Control-Allow-Headers": allowedHeaders(request),
      "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE",
      "Access-Control-Max-Age": "600",
      Vary: "Origin, Access-Control-Request-Headers",
    });
  // A self-hosted Cairn on a private network, called by a tool served from the internet (Private Network Access).
  if (cors && request.headers.get("Access-Control-Request-Private-Network") === "true")
    headers["Access-Control-Allow-Private-Network"] = "true";
  return new Response(null, { status: 204, headers });
}
