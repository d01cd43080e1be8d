import { toPublicUser } from "~/modules/auth/accounts.server";
import { getSessionUser } from "~/modules/auth/session.server";
import { api, json } from "~/modules/http/api.server";
import type { Route } from "./+types/auth.session";

// The caller's session, for API clients (what NextAuth's /api/auth/session gave).
export const loader = api(async ({ request }: Route.LoaderArgs) => {
  const user = await getSessionUser(request);
  return json({ user: user ? toPublicUser(user) : null });
});
