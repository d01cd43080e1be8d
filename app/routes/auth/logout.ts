import { redirect } from "react-router";
import { assertSameOrigin } from "~/modules/auth/guard.server";
import { destroyRequestSession, hasSessionCookie } from "~/modules/auth/session.server";
import { HttpError } from "~/modules/http/errors";
import { redirectWithToast } from "~/modules/http/toast.server";
import type { Route } from "./+types/logout";

// Sign-out is a form action (<Form method="post" action="/logout">), as the spec's signOut.
export async function action({ request }: Route.ActionArgs) {
  try {
    assertSameOrigin(request, { cookieAuthenticated: hasSessionCookie(request) });
  } catch (error) {
    if (error instanceof HttpError) throw new Response(error.message, { status: 403 });
    throw error;
  }
  return redirectWithToast(
    "/",
    { type: "success", message: "You are signed out." },
    { headers: { "Set-Cookie": await destroyRequestSession(request) } },
  );
}

export function loader() {
  return redirect("/");
}
