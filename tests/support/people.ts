// Shortcuts for tests of shared workspaces: invite by mail over real SMTP,
// read the link from the captured mail, accept as the invitee.
import * as acceptRoute from "~/routes/api/invitations.accept";
import * as invitationsRoute from "~/routes/api/workspaces.id.invitations";
import * as teamInvitationsRoute from "~/routes/api/workspaces.id.teams.id.invitations";
import * as workspacesRoute from "~/routes/api/workspaces";
import { linkIn, type Mailbox } from "../fakes/smtp";
import type { Client } from "./client";

type Signed = { client: Client; email: string };

/** Sends a workspace invitation and returns its answer and the token from the mail it caused. */
export async function inviteByMail(mailbox: Mailbox, inviter: Client, workspaceId: string, email: string, role?: "admin" | "member") {
  const since = mailbox.messages.length;
  const res = await inviter.call(invitationsRoute, `/api/workspaces/${workspaceId}/invitations/`, {
    body: role ? { email, role } : { email },
    params: { workspaceId },
  });
  if (res.status !== 201) throw new Error(`invitation failed: ${res.status} ${await res.text()}`);
  const mail = await mailbox.next(email.toLowerCase(), since);
  return { invitation: await res.json(), mail, token: linkIn(mail).searchParams.get("token")! };
}

/** Sends a team invitation; returns the token from its mail. */
export async function inviteToTeamByMail(
  mailbox: Mailbox,
  inviter: Client,
  workspaceId: string,
  teamId: string,
  email: string,
  role?: "admin" | "member",
) {
  const since = mailbox.messages.length;
  const res = await inviter.call(teamInvitationsRoute, "/api/x/teams/y/invitations/", {
    body: role ? { email, role } : { email },
    params: { workspaceId, teamId },
  });
  if (res.status !== 201) throw new Error(`team invitation failed: ${res.status} ${await res.text()}`);
  const mail = await mailbox.next(email.toLowerCase(), since);
  return { invitation: await res.json(), mail, token: linkIn(mail).searchParams.get("token")! };
}

export const accept = (invitee: Client, token: string) => invitee.call(acceptRoute, "/api/invitations/accept", { body: { token } });

/** Brings `invitee` into the workspace with `role`, the way people join: a mail, then accept. */
export async function join(mailbox: Mailbox, inviter: Client, workspaceId: string, invitee: Signed, role: "admin" | "member" = "member") {
  const { token } = await inviteByMail(mailbox, inviter, workspaceId, invitee.email, role);
  const res = await accept(invitee.client, token);
  if (res.status !== 200) throw new Error(`accept failed: ${res.status} ${await res.text()}`);
}

/** A new shared (non-personal) workspace of `owner`. */
export async function sharedWorkspace(owner: Client, name = "Team space"): Promise<string> {
  const res = await owner.call(workspacesRoute, "/api/workspaces/", { body: { name } });
  if (res.status !== 201) throw new Error(`workspace creation failed: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}
