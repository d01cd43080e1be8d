// Workspace invitations by mail (real SMTP to the capture server): sending,
// re-sending, listing, revoking, accepting, declining, signing up with one,
// and every refusal of the contract.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { invitations } from "#db/schema";
import { db } from "~/modules/db/database.server";
import * as loginRoute from "~/routes/api/auth.login";
import * as registerRoute from "~/routes/api/auth.register";
import * as acceptRoute from "~/routes/api/invitations.accept";
import * as declineRoute from "~/routes/api/invitations.decline";
import * as workspacesRoute from "~/routes/api/workspaces";
import * as workspaceRoute from "~/routes/api/workspaces.id";
import * as invitationsRoute from "~/routes/api/workspaces.id.invitations";
import * as invitationRoute from "~/routes/api/workspaces.id.invitations.id";
import * as membersRoute from "~/routes/api/workspaces.id.members";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { PASSWORD, signedInPerson, uniqueEmail } from "../support/accounts";
import { Client, callRoute } from "../support/client";
import { accept, inviteByMail, join, sharedWorkspace } from "../support/people";

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(() => mailbox.close());

const person = (name?: string) => signedInPerson(mailbox, name);
const at = (workspaceId: string) => ({ params: { workspaceId } });
const list = async (client: Client, workspaceId: string) =>
  (await (await client.call(invitationsRoute, "/api/x/invitations/", at(workspaceId))).json()).invitations;
const memberEmails = async (client: Client, workspaceId: string) =>
  (await (await client.call(membersRoute, "/api/x/members", at(workspaceId))).json()).members.map((m: { email: string }) => m.email);

describe("POST, GET /api/workspaces/{id}/invitations/", () => {
  it("mails a single link to the invited address and lists the invitation as pending for 7 days", async () => {
    const owner = await person("Olga");
    const workspaceId = await sharedWorkspace(owner.client, "Atlas");
    const email = uniqueEmail("bob");
    const { invitation, mail, token } = await inviteByMail(mailbox, owner.client, workspaceId, email.toUpperCase());

    expect(invitation).toMatchObject({ email, role: "member", status: "pending" });
    expect(Object.keys(invitation)).toEqual(expect.arrayContaining(["id", "email", "role", "status", "expiresAt", "createdAt"]));
    const days = (Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);
    expect(mail.subject).toBe("Olga invited you to Atlas on Cairn");
    expect(mail.text).toContain("Olga invited you to join Atlas on Cairn as a member.");
    expect(mail.text).toContain(`http://localhost:3000/invite?token=${token}`);
    expect(token.length).toBeGreaterThanOrEqual(40);
    // Stored hashed: the token itself is nowhere in the database.
    const row = db().select().from(invitations).where(eq(invitations.id, invitation.id)).get()!;
    expect(row.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await list(owner.client, workspaceId)).toEqual([invitation]);
  });

  it("re-inviting a pending address sends a new link to the same invitation; the old link stops working", async () => {
    const owner = await person();
    const invitee = await person();
    const first = await inviteByMail(mailbox, owner.client, owner.workspaceId, invitee.email);
    const second = await inviteByMail(mailbox, owner.client, owner.workspaceId, invitee.email, "admin");
    expect(second.invitation.id).toBe(first.invitation.id);
    expect(second.token).not.toBe(first.token);
    expect(await list(owner.client, owner.workspaceId)).toHaveLength(1);

    const stale = await accept(invitee.client, first.token);
    expect(stale.status).toBe(400);
    const res = await accept(invitee.client, second.token);
    expect(res.status).toBe(200);
    expect((await res.json()).role).toBe("admin");
  });

  it("lets admins invite; answers 403 to members, 404 to strangers, 401 without a session", async () => {
    const owner = await person();
    const admin = await person();
    const member = await person();
    const stranger = await person();
    const workspaceId = await sharedWorkspace(owner.client);
    await join(mailbox, owner.client, workspaceId, admin, "admin");
    await join(mailbox, owner.client, workspaceId, member);

    const byAdmin = await admin.client.call(invitationsRoute, "/api/x/invitations/", {
      body: { email: uniqueEmail() },
      ...at(workspaceId),
    });
    expect(byAdmin.status).toBe(201);
    const body = { email: uniqueEmail() };
    for (const [client, status] of [
      [member.client, 403],
      [stranger.client, 404],
    ] as const) {
      expect((await client.call(invitationsRoute, "/api/x/invitations/", { body, ...at(workspaceId) })).status).toBe(status);
      expect((await client.call(invitationsRoute, "/api/x/invitations/", at(workspaceId))).status).toBe(status);
    }
    expect((await callRoute(invitationsRoute, "/api/x/invitations/", { body, ...at(workspaceId) })).status).toBe(401);
    expect((await list(owner.client, workspaceId)).map((i: { email: string }) => i.email)).not.toContain(body.email);
  });

  it("answers 409 for a member's address and 422 for a bad address or role, sending nothing", async () => {
    const owner = await person();
    const member = await person();
    await join(mailbox, owner.client, owner.workspaceId, member);
    const since = mailbox.messages.length;
    const call = (body: unknown) => owner.client.call(invitationsRoute, "/api/x/invitations/", { body, ...at(owner.workspaceId) });

    const existing = await call({ email: member.email.toUpperCase() });
    expect(existing.status).toBe(409);
    expect((await existing.json()).error).toMatch(/already a member/);
    expect((await call({ email: owner.email })).status).toBe(409);
    for (const body of [{ email: "not-an-address" }, {}, { email: uniqueEmail(), role: "owner" }, { email: uniqueEmail(), role: 3 }]) {
      const res = await call(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).issues.length).toBeGreaterThan(0);
    }
    expect((await call("not json")).status).toBe(400);
    expect(mailbox.messages.length).toBe(since);
  });

  it("is rate limited per workspace well above the floor: 20 an hour pass, then 429 with Retry-After", async () => {
    const owner = await person();
    const workspaceId = await sharedWorkspace(owner.client);
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await owner.client.call(invitationsRoute, "/api/x/invitations/", {
        body: { email: uniqueEmail("bulk") },
        ...at(workspaceId),
      });
      if (res.status === 429) refused = res;
      else statuses.push(res.status);
    }
    expect(statuses.length).toBeGreaterThanOrEqual(20);
    expect(new Set(statuses)).toEqual(new Set([201]));
    expect(refused).toBeDefined();
    expect(Number(refused!.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await refused!.json()).error).toMatch(/many invitations/);
    // Another workspace has its own budget.
    const other = await owner.client.call(invitationsRoute, "/api/x/invitations/", {
      body: { email: uniqueEmail() },
      ...at(owner.workspaceId),
    });
    expect(other.status).toBe(201);
  });
});

describe("DELETE /api/workspaces/{id}/invitations/{invitationId}", () => {
  it("revokes: 204, the link answers 400, the list says revoked; members 403, unknown 404", async () => {
    const owner = await person();
    const member = await person();
    const invitee = await person();
    await join(mailbox, owner.client, owner.workspaceId, member);
    const { invitation, token } = await inviteByMail(mailbox, owner.client, owner.workspaceId, invitee.email);
    const revoke = (client: Client, id: string, workspaceId = owner.workspaceId) =>
      client.call(invitationRoute, "/api/x/invitations/y", { method: "DELETE", params: { workspaceId, invitationId: id } });

    expect((await revoke(member.client, invitation.id)).status).toBe(403);
    expect((await revoke(invitee.client, invitation.id)).status).toBe(404);
    expect((await revoke(owner.client, crypto.randomUUID())).status).toBe(404);
    expect((await revoke(owner.client, "nope")).status).toBe(404);
    // Through a workspace it does not belong to.
    expect((await revoke(invitee.client, invitation.id, invitee.workspaceId)).status).toBe(404);

    expect((await revoke(owner.client, invitation.id)).status).toBe(204);
    const res = await accept(invitee.client, token);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/withdrawn/);
    expect((await list(owner.client, owner.workspaceId))[0]).toMatchObject({ id: invitation.id, status: "revoked" });
    expect(await memberEmails(owner.client, owner.workspaceId)).not.toContain(invitee.email);
  });

  it("answers 409 for an invitation already accepted", async () => {
    const owner = await person();
    const invitee = await person();
    const { invitation, token } = await inviteByMail(mailbox, owner.client, owner.workspaceId, invitee.email);
    expect((await accept(invitee.client, token)).status).toBe(200);
    const res = await owner.client.call(invitationRoute, "/api/x", {
      method: "DELETE",
      params: { workspaceId: owner.workspaceId, invitationId: invitation.id },
    });
    expect(res.status).toBe(409);
  });
});

describe("POST /api/invitations/accept and /decline", () => {
  it("accepts for the invited account (any letter case): 200 { workspace, role }, then the workspace is theirs to use", async () => {
    const owner = await person();
    const workspaceId = await sharedWorkspace(owner.client, "Harbor");
    const invitee = await person("Bea");
    const { token } = await inviteByMail(mailbox, owner.client, workspaceId, invitee.email.toUpperCase(), "admin");
    const res = await accept(invitee.client, token);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ role: "admin", workspace: { id: workspaceId, name: "Harbor", role: "admin", isPersonal: false } });
    const mine = await (await invitee.client.call(workspacesRoute, "/api/workspaces/")).json();
    expect(mine.workspaces.map((w: { id: string }) => w.id)).toContain(workspaceId);
    expect((await invitee.client.call(workspaceRoute, "/api/x", at(workspaceId))).status).toBe(200);
    // Single use.
    const again = await accept(invitee.client, token);
    expect(again.status).toBe(400);
    expect((await again.json()).error).toMatch(/already been used/);
    expect((await list(owner.client, workspaceId))[0].status).toBe("accepted");
  });

  it("checks the session first (401), then the body (422), the token (400) and the account (403)", async () => {
    const owner = await person();
    const invitee = await person();
    const other = await person();
    const { token } = await inviteByMail(mailbox, owner.client, owner.workspaceId, invitee.email);
    for (const route of [acceptRoute, declineRoute]) {
      expect((await callRoute(route, "/api/invitations/accept", { body: { token } })).status).toBe(401);
      expect((await callRoute(route, "/api/invitations/accept", { body: "junk" })).status).toBe(401);
      expect((await other.client.call(route, "/api/invitations/accept", { body: {} })).status).toBe(422);
      expect((await other.client.call(route, "/api/invitations/accept", { body: { token: 5 } })).status).toBe(422);
      const unknown = await other.client.call(route, "/api/invitations/accept", { body: { token: "x".repeat(43) } });
      expect(unknown.status).toBe(400);
      expect((await unknown.json()).error).toMatch(/not valid/);
      const wrong = await other.client.call(route, "/api/invitations/accept", { body: { token } });
      expect(wrong.status).toBe(403);
      expect((await wrong.json()).error).toContain(`sent to ${invitee.email}`);
    }
    expect(await memberEmails(owner.client, owner.workspaceId)).not.toContain(other.email);
    // The rightful invitee can still use it.
    expect((await accept(invitee.client, token)).status).toBe(200);
  });

  it("refuses an expired invitation with 400 and lists it as expired", async () => {
    const owner = await person();
    const invitee = await person();
    const { invitation, token } = await inviteByMail(mailbox, owner.client, owner.workspaceId, invitee.email);
    db()
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitation.id))
      .run();
    const res = await accept(invitee.client, token);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/expired/);
    expect((await list(owner.client, owner.workspaceId))[0].status).toBe("expired");
    // Inviting the address again makes a fresh invitation that works.
    const fresh = await inviteByMail(mailbox, owner.client, owner.workspaceId, invitee.email);
    expect(fresh.invitation.id).not.toBe(invitation.id);
    expect((await accept(invitee.client, fresh.token)).status).toBe(200);
  });

  it("declines: 200, nobody joins, the link is used up", async () => {
    const owner = await person();
    const invitee = await person();
    const { token } = await inviteByMail(mailbox, owner.client, owner.workspaceId, invitee.email);
    const res = await invitee.client.call(declineRoute, "/api/invitations/decline", { body: { token } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ declined: true });
    expect((await list(owner.client, owner.workspaceId))[0].status).toBe("declined");
    expect(await memberEmails(owner.client, owner.workspaceId)).not.toContain(invitee.email);
    expect((await accept(invitee.client, token)).status).toBe(400);
  });
});

describe("POST /api/auth/register with an invitationToken", () => {
  it("makes the invited address active at once (no activation mail) and a member", async () => {
    const owner = await person();
    const workspaceId = await sharedWorkspace(owner.client, "Dockside");
    const email = uniqueEmail("newcomer");
    const { token } = await inviteByMail(mailbox, owner.client, workspaceId, email);
    const client = new Client();
    const mailsBefore = mailbox.messages.length;
    const res = await client.call(registerRoute, "/api/auth/register", {
      body: { email: email.toUpperCase(), password: PASSWORD, name: "Nia", invitationToken: token },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ email, activated: true });
    expect((await client.call(loginRoute, "/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(200);
    const mine = (await (await client.call(workspacesRoute, "/api/workspaces/")).json()).workspaces;
    expect(mine.map((w: { name: string }) => w.name)).toEqual(["Nia's workspace", "Dockside"]);
    expect(mailbox.messages.slice(mailsBefore).filter((m) => m.to.includes(email))).toEqual([]);
    expect((await list(owner.client, workspaceId))[0].status).toBe("accepted");
  });

  it("refuses another address (403) and a bad token (400), creating no account", async () => {
    const owner = await person();
    const { token } = await inviteByMail(mailbox, owner.client, owner.workspaceId, uniqueEmail("invited"));
    const other = uniqueEmail("other");
    const wrong = await callRoute(registerRoute, "/api/auth/register", {
      body: { email: other, password: PASSWORD, invitationToken: token },
    });
    expect(wrong.status).toBe(403);
    const bad = await callRoute(registerRoute, "/api/auth/register", {
      body: { email: other, password: PASSWORD, invitationToken: "nope" },
    });
    expect(bad.status).toBe(400);
    const login = await callRoute(loginRoute, "/api/auth/login", { body: { email: other, password: PASSWORD } });
    expect(login.status).toBe(401);
  });
});
