import { Form, Link, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { AuthCard } from "~/components/auth-card";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { activateAccount } from "~/modules/auth/accounts.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import type { Route } from "./+types/activate";

export const meta = () => [{ title: "Activate your account · Cairn" }];

export function loader({ request }: Route.LoaderArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

// Activation is a POST behind a button: mail scanners that prefetch links
// must not use up the single-use token.
export async function action({ request }: Route.ActionArgs) {
  return formAction(async () => {
    const { token } = parseForm(await readFormData(request), z.object({ token: z.string().min(1, "The link has no token") }));
    activateAccount(token);
    throw await redirectWithToast("/login", { type: "success", message: "Your account is active. Log in to start." });
  });
}

export default function Activate({ loaderData }: Route.ComponentProps) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok;
  return (
    <AuthCard title="Activate your account" subtitle="One click and your Cairn account is ready.">
      {failed && (
        <Alert tone="error">
          {result.fieldErrors.token ?? result.error}{" "}
          <Link className="font-medium underline" to="/resend-activation">
            Send a new link
          </Link>
        </Alert>
      )}
      {loaderData.token ? (
        <Form method="post">
          <input type="hidden" name="token" value={loaderData.token} />
          <Button type="submit" className="w-full" disabled={busy}>
            {busy ? "Activating…" : "Activate my account"}
          </Button>
        </Form>
      ) : (
        <Alert tone="error">
          This link has no activation token. Open the link from the mail, or{" "}
          <Link className="font-medium underline" to="/resend-activation">
            ask for a new one
          </Link>
          .
        </Alert>
      )}
    </AuthCard>
  );
}
