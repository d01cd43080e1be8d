// Who is calling the API: a person by their session cookie, or by an API key
// (then only inside the key's workspace). The API guard resolves it once per
// request; routes read it from the request context.
import { createContext, type RouterContextProvider } from "react-router";
import type { User } from "#db/schema";
import { authenticateApiKey } from "~/modules/api-keys/api-keys.server";
import { unauthorized } from "~/modules/http/errors";
import { getSessionUser } from "./session.server";

export type Caller = {
  user: User;
  /** Set when the call came with a Bearer API key: the key acts in this one workspace. */
  apiKey: { id: string; workspaceId: string } | null;
};

export const callerContext = createContext<Caller | null>(null);

/** The Bearer secret of the request, if it sends one. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("Authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1]! : null;
}

/**
 * Resolves the caller: a Bearer key must be valid (401 otherwise, whatever
 * cookie comes with it); without one, the session cookie, if any.
 */
export async function resolveCaller(request: Request): Promise<Caller | null> {
  const token = bearerToken(request);
  if (token !== null || request.headers.has("Authorization")) {
    const holder = token ? authenticateApiKey(token) : null;
    if (!holder) throw unauthorized("Invalid, revoked or expired API key");
    return holder;
  }
  const user = await getSessionUser(request);
  return user ? { user, apiKey: null } : null;
}

/** The caller, as the API guard found it; 401 when nobody is signed in. */
export function requireCaller(context: Readonly<RouterContextProvider>): Caller {
  const caller = optionalCaller(context);
  if (!caller) throw unauthorized();
  return caller;
}

export function optionalCaller(context: Readonly<RouterContextProvider>): Caller | null {
  try {
    return context.get(callerContext);
  } catch {
    return null;
  }
}
