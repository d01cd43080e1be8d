import { assertSameOrigin } from "~/modules/auth/guard.server";
import { destroyRequestSession, hasSessionCookie } from "~/modules/auth/session.server";
import { api, json, methodNotAllowed } from "~/modules/http/api.server";
import type { Route } from "./+types/auth.logout";

export const loader = methodNotAllowed("POST");

export const action = api(async ({ request }: Route.ActionArgs) => {
  assertSameOrigin(request, { cookieAuthenticated: hasSessionCookie(request) });
  return json({ message: "Signed out" }, { headers: { "Set-Cookie": await destroyRequestSession(request) } });
});
