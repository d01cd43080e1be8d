// Who is calling, and may they? Every protected route starts here.
import { redirect } from "react-router";
import type { User } from "#db/schema";
import { env } from "~/modules/config/env.server";
import { HttpError, forbidden } from "~/modules/http/errors";
import { getSessionUser } from "./session.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request that a browser sent from another origin
 * (CSRF). Same-origin means the Origin header equals APP_URL's origin (or the
 * origin the request was addressed to); without an Origin header, the browser's
 * Sec-Fetch-Site must say same-origin. Only cookie-authenticated requests
 * without any Origin can pass that, and only if they name no other site.
 */
export function assertSameOrigin(request: Request, { cookieAuthenticated }: { cookieAuthenticated: boolean }) {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("Origin");
  if (origin) {
    if (origin === new URL(env().APP_URL).origin || origin === new URL(request.url).origin) return;
    throw forbidden("Cross-origin request refused");
  }
  const site = request.headers.get("Sec-Fetch-Site");
  if (site && site !== "same-origin" && site !== "none") throw forbidden("Cross-origin request refused");
  if (cookieAuthenticated && !site) throw forbidden("Cross-origin request refused: send an Origin header");
}

/**
 * The address of the page a request is for. A client-side navigation loads its
 * data from `/x.data?_routes=…` (`/x/_.data` for `/x/`), and an index route's
 * form posts add `?index`: a person coming back after logging in wants `/x`.
 */
export function pageAddress(url: URL): string {
  const pathname = url.pathname.endsWith("/_.data") ? url.pathname.slice(0, -"_.data".length) : url.pathname.replace(/\.data$/, "");
  const search = new URLSearchParams(url.search);
  search.delete("_routes");
  search.delete("index");
  const query = search.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** The caller of a page: without a session, off to the log-in page and back. */
export async function requirePageUser(request: Request): Promise<User> {
  const user = await getSessionUser(request);
  if (!user) throw redirect(`/login?redirectTo=${encodeURIComponent(pageAddress(new URL(request.url)))}`);
  if (!SAFE_METHODS.has(request.method)) {
    try {
      assertSameOrigin(request, { cookieAuthenticated: true });
    } catch (error) {
      if (error instanceof HttpError) throw new Response(error.message, { status: 403 });
      throw error;
    }
  }
  return user;
}
