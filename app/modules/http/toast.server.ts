// One-shot messages carried across a redirect ("Workspace created") in a
// short-lived signed cookie, shown as a toast by the root route.
import { createCookie, redirect } from "react-router";
import { env } from "~/modules/config/env.server";

export type Toast = { type: "success" | "error" | "info"; message: string };

const toastCookie = () =>
  createCookie("cairn_toast", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60,
    secure: env().NODE_ENV === "production",
    secrets: env().sessionSecrets,
  });

export async function redirectWithToast(url: string, toast: Toast, init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await toastCookie().serialize(toast));
  return redirect(url, { ...init, headers });
}

/** The pending toast, and the header that clears it once read. */
export async function readToast(request: Request): Promise<{ toast: Toast | null; headers?: HeadersInit }> {
  const cookieHeader = request.headers.get("Cookie");
  if (!cookieHeader?.includes("cairn_toast=")) return { toast: null };
  const cookie = toastCookie();
  const toast = ((await cookie.parse(cookieHeader)) as Toast | null) ?? null;
  return { toast, headers: { "Set-Cookie": await cookie.serialize("", { maxAge: 0 }) } };
}

/**
 * Only a path of this site, so a crafted ?redirectTo= cannot send people
 * elsewhere. Judged as the browser will read it: resolved against APP_URL
 * (the URL parser drops tabs and newlines, and reads a backslash as a slash), it must keep
 * APP_URL's origin; control characters are refused outright (a header cannot carry them).
 */
export function safeRedirectPath(to: unknown, fallback = "/app"): string {
  // eslint-disable-next-line no-control-regex
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f]/.test(to)) return fallback;
  const base = new URL(env().APP_URL);
  let resolved: URL;
  try {
    resolved = new URL(to, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base.origin) return fallback;
  return resolved.pathname + resolved.search + resolved.hash;
}
