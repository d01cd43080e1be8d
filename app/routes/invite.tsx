// The page an invitation mail links to: who invited whom to what, and the way
// in — accept or decline when signed in as the invited address, log in when
// that address has an account, or create one (active at once: the mail proved it).
import { data, Form, Link, redirect, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { AuthCard } from "~/components/auth-card";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field, NewPasswordField } from "~/components/ui/field";
import { registerUser } from "~/modules/auth/accounts.server";
import { assertSameOrigin, requirePageUser } from "~/modules/auth/guard.server";
import { passwordSchema } from "~/modules/auth/schemas";
import { createUserSession, destroyRequestSession, getSessionUser } from "~/modules/auth/session.server";
import { clientLimitKey } from "~/modules/http/client-address.server";
import { HttpError } from "~/modules/http/errors";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import { acceptInvitation, declineInvitation, previewInvitation } from "~/modules/workspaces/invitations.server";
import type { Route } from "./+types/invite";

export const meta = () => [{ title: "Invitation · Cairn" }];

const tokenOf = (request: Request) => (new URL(request.url).searchParams.get("token") ?? "").slice(0, 200);

export async function loader({ request }: Route.LoaderArgs) {
  const token = tokenOf(request);
  const user = await getSessionUser(request);
  const signedInAs = user?.email ?? null;
  if (!token) return data({ problem: "This page needs the link from an invitation mail.", invitation: null, signedInAs }, { status: 400 });
  try {
    return { problem: null, invitation: previewInvitation(token), signedInAs, token };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return data({ problem: error.message, invitation: null, signedInAs }, { status: error.status });
  }
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept") }),
  z.object({ intent: z.literal("decline") }),
  z.object({ intent: z.literal("switch-account") }),
  z.object({ intent: z.literal("signup"), name: z.string().trim().max(100).optional(), password: passwordSchema }),
]);

export async function action({ request, context }: Route.ActionArgs) {
  const token = tokenOf(request);
  const here = `/invite?token=${encodeURIComponent(token)}`;
  return formAction(async () => {
    const input = parseForm(await readFormData(request.clone()), intentSchema);
    if (input.intent === "signup") {
      assertSameOrigin(request, { cookieAuthenticated: false });
      await consumeRateLimit("signupByIp", clientLimitKey(context));
      const { email, workspaceId, workspaceName } = previewInvitation(token);
      const user = await registerUser({ email, password: input.password, name: input.name || undefined, invitationToken: token });
      throw await redirectWithToast(
        `/w/${workspaceId}`,
        { type: "success", message: `Welcome! You joined ${workspaceName}.` },
        { headers: { "Set-Cookie": await createUserSession(user.id) } },
      );
    }
    if (input.intent === "switch-account") {
      assertSameOrigin(request, { cookieAuthenticated: true });
      throw redirect(here, { headers: { "Set-Cookie": await destroyRequestSession(request) } });
    }
    const user = await requirePageUser(request);
    if (input.intent === "decline") {
      declineInvitation(user, token);
      throw await redirectWithToast("/app", { type: "info", message: "Invitation declined." });
    }
    const joined = acceptInvitation(user, token);
    throw await redirectWithToast(`/w/${joined.workspace.id}`, { type: "success", message: `You joined ${joined.workspace.name}.` });
  });
}

export default function Invite({ loaderData }: Route.ComponentProps) {
  const { problem, invitation, signedInAs } = loaderData;
  const token = "token" in loaderData ? loaderData.token : "";
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failure = result && !result.ok ? result : null;

  if (!invitation)
    return (
      <AuthCard title="This invitation cannot be used">
        <Alert tone="error">{problem}</Alert>
        <p className="text-sm text-stone-600">
          <Link className="font-medium text-brand-700 underline" to={signedInAs ? "/app" : "/"}>
            {signedInAs ? "Go to your workspaces" : "Go to Cairn's home page"}
          </Link>
        </p>
      </AuthCard>
    );

  const place = invitation.teamName ? (
    <>
      the team <strong>{invitation.teamName}</strong> in <strong>{invitation.workspaceName}</strong>
    </>
  ) : (
    <strong>{invitation.workspaceName}</strong>
  );
  const matches = signedInAs === invitation.email;

  return (
    <AuthCard
      title={`Join ${invitation.teamName ?? invitation.workspaceName}`}
      subtitle={
        <>
          {invitation.inviter ?? "Someone"} invited <strong>{invitation.email}</strong> to {place} as{" "}
          {invitation.teamName
            ? invitation.role === "admin"
              ? "a team admin"
              : "a team member"
            : `${invitation.role === "admin" ? "an admin" : "a member"}`}
          .
        </>
      }
    >
      {failure && <Alert tone="error">{[failure.error, ...Object.values(failure.fieldErrors)].join(" — ")}</Alert>}
      {signedInAs && matches && (
        <Form method="post" className="flex flex-col gap-3 sm:flex-row">
          <Button type="submit" name="intent" value="accept" disabled={busy} className="flex-1">
            Accept invitation
          </Button>
          <Button type="submit" name="intent" value="decline" variant="secondary" disabled={busy}>
            Decline
          </Button>
        </Form>
      )}
      {signedInAs && !matches && (
        <>
          <Alert tone="info">
            You are signed in as <strong>{signedInAs}</strong>, but this invitation is for <strong>{invitation.email}</strong>. Sign out,
            then log in or sign up as {invitation.email} to accept it.
          </Alert>
          <Form method="post">
            <Button type="submit" name="intent" value="switch-account" variant="secondary" className="w-full">
              Sign out of {signedInAs}
            </Button>
          </Form>
        </>
      )}
      {!signedInAs && invitation.accountExists && (
        <>
          <p className="text-sm text-stone-600">{invitation.email} already has a Cairn account: log in to accept.</p>
          <Link
            to={`/login?redirectTo=${encodeURIComponent(`/invite?token=${encodeURIComponent(token)}`)}`}
            className="rounded-lg bg-brand-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-brand-700"
          >
            Log in to accept
          </Link>
        </>
      )}
      {!signedInAs && !invitation.accountExists && (
        <Form method="post" className="flex flex-col gap-4" noValidate>
          <p className="text-sm text-stone-600">New to Cairn? Create your account to join — no activation mail needed.</p>
          <input type="hidden" name="intent" value="signup" />
          <Field label="Email" name="email" type="email" value={invitation.email} readOnly hint="The address the invitation was sent to." />
          <Field label="Name" name="name" autoComplete="name" error={failure?.fieldErrors.name} />
          <NewPasswordField error={failure?.fieldErrors.password} />
          <Button type="submit" disabled={busy}>
            {busy ? "Creating account…" : "Create account and join"}
          </Button>
        </Form>
      )}
    </AuthCard>
  );
}
