// The invitation mail, queued for the job worker to send (app/modules/mail):
// inviting answers at once, and a delivery that fails is retried.
import { env } from "~/modules/config/env.server";
import { sendMail } from "~/modules/mail/mail.server";

export type InvitationMail = {
  to: string;
  token: string;
  inviter: string;
  workspaceName: string;
  teamName: string | null;
  role: "admin" | "member";
};

export const invitationLink = (token: string) => `${env().APP_URL}/invite?token=${encodeURIComponent(token)}`;

/** Queues an invitation mail. */
export function sendInvitationMail(mail: InvitationMail): void {
  const what = mail.teamName ? `the team “${mail.teamName}” in ${mail.workspaceName}` : mail.workspaceName;
  const subject = `${mail.inviter} invited you to ${mail.teamName ?? mail.workspaceName} on Cairn`;
  const text = [
    `${mail.inviter} invited you to join ${what} on Cairn as ${mail.role === "admin" ? "an admin" : "a member"}.`,
    "",
    "Accept or decline here (the link works once and for 7 days):",
    invitationLink(mail.token),
    "",
    "New to Cairn? The same link lets you create your account with this address.",
    "If you did not expect this, ignore this mail.",
  ].join("\n");
  sendMail({ to: mail.to, subject, text });
}
