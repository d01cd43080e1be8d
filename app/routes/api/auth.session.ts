import { toPublicUser } from "~/modules/auth/accounts.server";
import { optionalCaller } from "~/modules/auth/caller.server";
import { apiRoute, json } from "~/modules/http/api.server";

// The caller's session, for API clients (what NextAuth's /api/auth/session gave).
export const loader = apiRoute({
  GET: ({ context }) => {
    const caller = optionalCaller(context);
    return json({ user: caller ? toPublicUser(caller.user) : null });
  },
});
export const action = loader;
