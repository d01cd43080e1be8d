// The person's own account: name, email, password, sessions, theme, deletion.
import { z } from "zod";
import { AccountSections } from "~/components/account/account-sections";
import { PageHeader } from "~/components/ui/page-header";
import {
  accountDeletionPreview,
  cancelEmailChange,
  changePassword,
  deleteAccount,
  pendingEmailChange,
  requestEmailChange,
  updateName,
} from "~/modules/auth/account-settings.server";
import { toPublicUser } from "~/modules/auth/accounts.server";
import { requirePageUser } from "~/modules/auth/guard.server";
import { passwordSchema } from "~/modules/auth/schemas";
import { countOtherSessions, destroyRequestSession, requestSessionKey, revokeOtherSessions } from "~/modules/auth/session.server";
import { clientAddress, clientLimitKey } from "~/modules/http/client-address.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import type { Route } from "./+types/account";

export const meta = () => [{ title: "Account · Cairn" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePageUser(request);
  return {
    user: toPublicUser(user),
    pendingEmail: pendingEmailChange(user.id),
    otherSessions: countOtherSessions(user.id, await requestSessionKey(request)),
    deletion: accountDeletionPreview(user),
  };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("name"), name: z.string().trim().max(100, "Use at most 100 characters") }),
  z.object({
    intent: z.literal("email"),
    email: z.email("Enter a valid email address").max(254),
    password: z.string().min(1, "Enter your current password").max(1024),
  }),
  z.object({ intent: z.literal("cancel-email") }),
  z
    .object({
      intent: z.literal("password"),
      currentPassword: z.string().min(1, "Enter your current password").max(1024),
      newPassword: passwordSchema,
      confirmPassword: z.string(),
    })
    .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ" }),
  z.object({ intent: z.literal("sessions") }),
  z.object({ intent: z.literal("delete"), password: z.string().min(1, "Enter your password to confirm").max(1024) }),
]);

export type AccountIntent = z.infer<typeof intentSchema>["intent"];

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requirePageUser(request);
  return formAction(async () => {
    const input = parseForm(await readFormData(request), intentSchema);
    const done = (message: string) => ({ ok: true as const, intent: input.intent, message });
    switch (input.intent) {
      case "name":
        updateName(user, input.name);
        return done("Name saved.");
      case "email": {
        await consumeRateLimit("accountMailByIp", clientLimitKey(context));
        const email = await requestEmailChange(user, input, clientAddress(context));
        return done(`We sent a confirmation link to ${email}. Your address changes when you open it.`);
      }
      case "cancel-email":
        cancelEmailChange(user.id);
        return done("The email change is cancelled.");
      case "password": {
        const signedOut = await changePassword(user, input, await requestSessionKey(request), clientAddress(context));
        return done(
          `Password changed.${signedOut ? ` ${signedOut} other ${signedOut === 1 ? "session was" : "sessions were"} signed out.` : ""}`,
        );
      }
      case "sessions": {
        const signedOut = revokeOtherSessions(user.id, await requestSessionKey(request));
        return done(
          signedOut ? `Signed out of ${signedOut} other ${signedOut === 1 ? "session" : "sessions"}.` : "No other sessions were open.",
        );
      }
      case "delete":
        await deleteAccount(user, input.password, clientAddress(context));
        throw await redirectWithToast(
          "/",
          { type: "success", message: "Your account is deleted." },
          { headers: { "Set-Cookie": await destroyRequestSession(request) } },
        );
    }
  });
}

export default function Account({ loaderData }: Route.ComponentProps) {
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
      <PageHeader title="Account" description="Your name, sign-in details and sessions, the look of Cairn, and your account itself." />
      <AccountSections {...loaderData} />
    </div>
  );
}
