import { Form, Link, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { AuthCard } from "~/components/auth-card";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { confirmEmailChange } from "~/modules/auth/account-settings.server";
import { getSessionUser } from "~/modules/auth/session.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import type { Route } from "./+types/confirm-email";

export const meta = () => [{ title: "Confirm your new email · Cairn" }];

export function loader({ request }: Route.LoaderArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

// A POST behind a button, as for activation: mail scanners that open links must not use up the token.
export async function action({ request }: Route.ActionArgs) {
  return formAction(async () => {
    const { token } = parseForm(await readFormData(request), z.object({ token: z.string().min(1, "The link has no token").max(200) }));
    const user = confirmEmailChange(token);
    const signedIn = (await getSessionUser(request))?.id === user.id;
    throw await redirectWithToast(signedIn ? "/account" : "/login", {
      type: "success",
      message: `Your email address is now ${user.email}.${signedIn ? "" : " Log in with it."}`,
    });
  });
}

export default function ConfirmEmail({ loaderData }: Route.ComponentProps) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <AuthCard title="Confirm your new email" subtitle="Your Cairn account will use this address from now on.">
      {result && !result.ok && (
        <Alert tone="error">
          {result.fieldErrors.token ?? result.error}{" "}
          <Link className="font-medium underline" to="/account">
            Go to your account
          </Link>
        </Alert>
      )}
      {loaderData.token ? (
        <Form method="post">
          <input type="hidden" name="token" value={loaderData.token} />
          <Button type="submit" className="w-full" disabled={busy}>
            {busy ? "Confirming…" : "Use this address"}
          </Button>
        </Form>
      ) : (
        <Alert tone="error">This link has no confirmation token. Open the link from the mail.</Alert>
      )}
    </AuthCard>
  );
}
