import { useEffect, useRef } from "react";
import { useFetcher } from "react-router";
import { ThemeSwitch } from "~/components/theme-switch";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { ConfirmButton } from "~/components/ui/confirm-button";
import { Field, NewPasswordField } from "~/components/ui/field";
import type { Route } from "../../routes/app/+types/account";
import type { AccountIntent, action } from "../../routes/app/account";

type AccountData = Route.ComponentProps["loaderData"];

/** One section's own submissions (a fetcher each), so each section shows its own result. */
function useSection(intent: AccountIntent) {
  const fetcher = useFetcher<typeof action>({ key: `account-${intent}` });
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  return {
    intent,
    fetcher,
    busy: fetcher.state !== "idle",
    success: result?.ok ? result.message : null,
    error: result && !result.ok && Object.keys(result.fieldErrors).length === 0 ? result.error : null,
    fieldErrors: result && !result.ok ? result.fieldErrors : {},
  };
}
type Section = ReturnType<typeof useSection>;

/** A section's form: it posts the section's intent (unless a button names it) and empties after a success. */
function SectionForm({
  section,
  className,
  withIntent = true,
  children,
}: {
  section: Section;
  className?: string;
  withIntent?: boolean;
  children: React.ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const { fetcher } = section;
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) form.current?.reset();
  }, [fetcher.state, fetcher.data]);
  return (
    <fetcher.Form ref={form} method="post" className={className}>
      {withIntent && <input type="hidden" name="intent" value={section.intent} />}
      {children}
    </fetcher.Form>
  );
}

function Outcome({ success, error }: { success: string | null; error: string | null }) {
  if (success) return <Alert tone="success">{success}</Alert>;
  if (error) return <Alert tone="error">{error}</Alert>;
  return null;
}

export function AccountSections(data: AccountData) {
  return (
    <>
      <NameSection name={data.user.name} />
      <EmailSection email={data.user.email} pendingEmail={data.pendingEmail} />
      <PasswordSection />
      <SessionsSection otherSessions={data.otherSessions} />
      <Card title="Appearance" description="Follow your system's light or dark setting, or choose one. This browser remembers it.">
        <ThemeSwitch />
      </Card>
      <DeleteSection deletion={data.deletion} />
    </>
  );
}

function NameSection({ name }: { name: string | null }) {
  const s = useSection("name");
  return (
    <Card title="Name" description="How Cairn and your workspaces' members see you.">
      <SectionForm section={s} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field
          label="Your name"
          name="name"
          key={name}
          defaultValue={name ?? ""}
          autoComplete="name"
          maxLength={100}
          className="flex-1"
          error={s.fieldErrors.name}
        />
        <Button type="submit" disabled={s.busy} className="self-start sm:self-auto">
          {s.busy ? "Saving…" : "Save name"}
        </Button>
      </SectionForm>
      <div className="mt-3 empty:hidden">
        <Outcome success={s.success} error={s.error} />
      </div>
    </Card>
  );
}

function EmailSection({ email, pendingEmail }: { email: string; pendingEmail: string | null }) {
  const s = useSection("email");
  const cancel = useSection("cancel-email");
  return (
    <Card
      title="Email"
      description={
        <>
          You log in with <strong className="font-medium text-stone-900">{email}</strong>. A new address is used once you open the link we
          mail to it.
        </>
      }
    >
      <div className="flex flex-col gap-4">
        {pendingEmail && (
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900">
            <p>
              Waiting for <strong className="font-medium">{pendingEmail}</strong> to be confirmed.
            </p>
            <SectionForm section={cancel}>
              <Button type="submit" variant="secondary" size="sm" disabled={cancel.busy}>
                Cancel the change
              </Button>
            </SectionForm>
          </div>
        )}
        <Outcome success={s.success ?? cancel.success} error={s.error ?? cancel.error} />
        <SectionForm section={s} className="flex flex-col gap-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="New email" name="email" type="email" autoComplete="email" required error={s.fieldErrors.email} />
            <Field
              label="Current password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              error={s.fieldErrors.password}
            />
          </div>
          <Button type="submit" className="self-start" disabled={s.busy}>
            {s.busy ? "Sending…" : "Send confirmation link"}
          </Button>
        </SectionForm>
      </div>
    </Card>
  );
}

function PasswordSection() {
  const s = useSection("password");
  return (
    <Card title="Password" description="Changing it signs you out everywhere else.">
      <SectionForm section={s} className="flex flex-col gap-3">
        <Outcome success={s.success} error={s.error} />
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={s.fieldErrors.currentPassword}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <NewPasswordField label="New password" name="newPassword" error={s.fieldErrors.newPassword} />
          <Field
            label="Repeat the new password"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
            error={s.fieldErrors.confirmPassword}
          />
        </div>
        <Button type="submit" className="self-start" disabled={s.busy}>
          {s.busy ? "Changing…" : "Change password"}
        </Button>
      </SectionForm>
    </Card>
  );
}

function SessionsSection({ otherSessions }: { otherSessions: number }) {
  const s = useSection("sessions");
  return (
    <Card title="Sessions">
      <div className="flex flex-col gap-3">
        <Outcome success={s.success} error={s.error} />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-stone-600" data-testid="other-sessions">
            {otherSessions === 0
              ? "You are signed in only here."
              : `You are also signed in on ${otherSessions} other ${otherSessions === 1 ? "browser or device" : "browsers or devices"}.`}
          </p>
          <SectionForm section={s}>
            <Button type="submit" variant="secondary" disabled={s.busy || otherSessions === 0}>
              Sign out of other sessions
            </Button>
          </SectionForm>
        </div>
      </div>
    </Card>
  );
}

function DeleteSection({ deletion }: { deletion: AccountData["deletion"] }) {
  const s = useSection("delete");
  const blocked = deletion.blockers.length > 0;
  return (
    <Card tone="danger" title="Delete account" description="This cannot be undone. What happens to your workspaces:">
      <div className="flex flex-col gap-4">
        <ul className="flex flex-col divide-y divide-stone-100 rounded-xl border border-stone-200 text-sm" data-testid="workspace-fates">
          {deletion.fates.map(({ workspace, fate, otherMembers }) => (
            <li key={workspace.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-4 py-2.5">
              <span className="min-w-0 font-medium break-words">{workspace.name}</span>
              <span className="flex items-center gap-2 text-stone-600">
                {fate === "deleted" ? (
                  <>
                    {otherMembers > 0 && (
                      <span className="text-xs">
                        {otherMembers} other {otherMembers === 1 ? "member loses" : "members lose"} it
                      </span>
                    )}
                    <Badge tone="danger">Deleted with its chats, documents and credits</Badge>
                  </>
                ) : (
                  <Badge tone="neutral">Stays with its other owners</Badge>
                )}
              </span>
            </li>
          ))}
        </ul>
        <p className="text-xs text-stone-500">
          To keep a workspace you alone own, make another member its owner first. In workspaces that stay, your chats and documents stay
          too, without your name.
        </p>
        {deletion.blockers.map((b) => (
          <Alert key={b} tone="info">
            {b}
          </Alert>
        ))}
        <Outcome success={null} error={s.error} />
        <SectionForm section={s} withIntent={false} className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <Field
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            disabled={blocked}
            className="flex-1"
            error={s.fieldErrors.password}
          />
          <ConfirmButton
            name="intent"
            value="delete"
            title="Delete your account?"
            description="Your account and the workspaces marked “Deleted” go for good, with their chats, documents and credits. You are signed out."
            confirmLabel="Delete my account"
            triggerClassName="self-start sm:self-auto"
            disabled={blocked || s.busy}
          >
            Delete my account…
          </ConfirmButton>
        </SectionForm>
      </div>
    </Card>
  );
}
