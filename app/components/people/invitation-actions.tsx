import { Form } from "react-router";
import { Button } from "~/components/ui/button";

/** Resend and Revoke for a pending invitation, posted to the page's own action (intents "invite" and "revoke"). */
export function InvitationActions({ invitation }: { invitation: { id: string; email: string; role: string } }) {
  const { id, email, role } = invitation;
  return (
    <div className="flex gap-1">
      <Form method="post">
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="role" value={role} />
        <Button type="submit" name="intent" value="invite" variant="ghost" className="px-2 py-1 text-xs">
          Resend<span className="sr-only"> to {email}</span>
        </Button>
      </Form>
      <Form method="post">
        <input type="hidden" name="invitationId" value={id} />
        <Button type="submit" name="intent" value="revoke" variant="ghost" className="px-2 py-1 text-xs text-red-700">
          Revoke<span className="sr-only"> the invitation of {email}</span>
        </Button>
      </Form>
    </div>
  );
}
