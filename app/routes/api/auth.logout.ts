import { destroyRequestSession } from "~/modules/auth/session.server";
import { apiRoute, json } from "~/modules/http/api.server";

export const loader = apiRoute({
  POST: async ({ request }) => json({ message: "Signed out" }, { headers: { "Set-Cookie": await destroyRequestSession(request) } }),
});
export const action = loader;
