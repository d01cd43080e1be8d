// Members of a workspace: listing with spend, role and limit changes, removal
// and leaving — with who may do what, the last owner, personal workspaces, and
// access (sessions and API keys) ending at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { chats } from "#db/schema";
import { db } from "~/modules/db/database.server";
import * as chatRoute from "~/routes/api/chat";
import * as workspacesRoute from "~/routes/api/workspaces";
import * as workspaceRoute from "~/routes/api/workspaces.id";
import * as apiKeysRoute from "~/routes/api/workspaces.id.api-keys";
import * as chatsRoute from "~/routes/api/workspaces.id.chats";
import * as leaveRoute from "~/routes/api/workspaces.id.leave";
import * as membersRoute from "~/routes/api/workspaces.id.members";
import * as memberRoute from "~/routes/api/workspaces.id.members.id";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { startProviders } from "../support/chat";
import { Client, callRoute } from "../support/client";
import { moveCredits } from "../support/credits";
import { join, sharedWorkspace } from "../support/people";

const providers = await startProviders();
let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(async () => {
  await mailbox.close();
  await providers.close();
});

const person = (name?: string) => signedInPerson(mailbox, name);
type Member = {
  userId: string;
  email: string;
  name: string | null;
  role: string;
  monthlyCreditLimit: number | null;
  creditsUsedThisMonth: number | null;
};

const members = async (client: Client, workspaceId: string): Promise<Member[]> =>
  (await (await client.call(membersRoute, "/api/x/members", { params: { workspaceId } })).json()).members;
const put = (client: Client, workspaceId: string, userId: string, body: unknown) =>
  client.call(memberRoute, "/api/x/members/y", { method: "PUT", body, params: { workspaceId, userId } });
const remove = (client: Client, workspaceId: string, userId: string) =>
  client.call(memberRoute, "/api/x/members/y", { method: "DELETE", params: { workspaceId, userId } });
const leave = (client: Client, workspaceId: string) =>
  client.call(leaveRoute, "/api/x/leave/", { method: "POST", params: { workspaceId } });

/** A shared workspace with an owner, an admin and a member, all joined by invitation. */
async function team() {
  const owner = await person("Owen");
  const admin = await person("Ada");
  const member = await person("Max");
  const workspaceId = await sharedWorkspace(owner.client, "Crew");
  await join(mailbox, owner.client, workspaceId, admin, "admin");
  await join(mailbox, owner.client, workspaceId, member);
  return { owner, admin, member, workspaceId };
}

describe("GET /api/workspaces/{id}/members", () => {
  it("lists members with role, limit and this month's spend; a member sees only their own spend", async () => {
    const { owner, admin, member, workspaceId } = await team();
    // The member spends a little (a transfer gives the workspace credits first).
    await moveCredits(owner.client, workspaceId, 300);
    providers.openai.script({ tokens: ["Hi", " there"] });
    const res = await member.client.call(chatRoute, "/api/chat", { body: { messages: [{ role: "user", content: "Hello" }], workspaceId } });
    expect(res.status).toBe(200);
    await res.text();

    const seenByOwner = await members(owner.client, workspaceId);
    expect(seenByOwner.map((m) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [admin.email, "admin"],
      [member.email, "member"],
    ]);
    const spent = seenByOwner.find((m) => m.userId === member.userId)!.creditsUsedThisMonth!;
    expect(spent).toBeGreaterThan(0);
    expect(seenByOwner.find((m) => m.userId === owner.userId)).toMatchObject({
      creditsUsedThisMonth: 0,
      monthlyCreditLimit: null,
      name: "Owen",
    });

    const seenByMember = await members(member.client, workspaceId);
    expect(seenByMember.find((m) => m.userId === member.userId)!.creditsUsedThisMonth).toBe(spent);
    expect(seenByMember.find((m) => m.userId === owner.userId)!.creditsUsedThisMonth).toBeNull();
    expect((await members(admin.client, workspaceId)).find((m) => m.userId === member.userId)!.creditsUsedThisMonth).toBe(spent);
  });

  it("answers 404 to a non-member and 401 without a session", async () => {
    const { workspaceId } = await team();
    const stranger = await person();
    expect((await stranger.client.call(membersRoute, "/api/x/members", { params: { workspaceId } })).status).toBe(404);
    expect((await callRoute(membersRoute, "/api/x/members", { params: { workspaceId } })).status).toBe(401);
  });
});

describe("PUT /api/workspaces/{id}/members/{userId}", () => {
  it("lets owners and admins change roles below owner and set or clear limits", async () => {
    const { owner, admin, member, workspaceId } = await team();
    const promoted = await put(admin.client, workspaceId, member.userId, { role: "admin", monthlyCreditLimit: 250 });
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ userId: member.userId, role: "admin", monthlyCreditLimit: 250, email: member.email });
    const cleared = await put(owner.client, workspaceId, member.userId, { role: "member", monthlyCreditLimit: null });
    expect(await cleared.json()).toMatchObject({ role: "member", monthlyCreditLimit: null });
    const zero = await put(owner.client, workspaceId, member.userId, { monthlyCreditLimit: 0 });
    expect((await zero.json()).monthlyCreditLimit).toBe(0);
  });

  it("keeps owner for owners: admins can neither make nor change an owner (403)", async () => {
    const { owner, admin, member, workspaceId } = await team();
    expect((await put(admin.client, workspaceId, member.userId, { role: "owner" })).status).toBe(403);
    expect((await put(admin.client, workspaceId, admin.userId, { role: "owner" })).status).toBe(403);
    expect((await put(admin.client, workspaceId, owner.userId, { role: "member" })).status).toBe(403);
    expect((await put(admin.client, workspaceId, owner.userId, { monthlyCreditLimit: 1 })).status).toBe(403);
    const roles = (await members(owner.client, workspaceId)).map((m) => m.role);
    expect(roles).toEqual(["owner", "admin", "member"]);
  });

  it("answers 409 to demoting the last owner; with a second owner, an owner may step down", async () => {
    const { owner, member, workspaceId } = await team();
    const last = await put(owner.client, workspaceId, owner.userId, { role: "admin" });
    expect(last.status).toBe(409);
    expect((await last.json()).error).toMatch(/last owner/);
    expect((await put(owner.client, workspaceId, member.userId, { role: "owner" })).status).toBe(200);
    expect((await put(owner.client, workspaceId, owner.userId, { role: "admin" })).status).toBe(200);
    expect((await put(member.client, workspaceId, member.userId, { role: "member" })).status).toBe(409);
  });

  it("keeps the account of a personal workspace its owner (409)", async () => {
    const owner = await person();
    const guest = await person();
    await join(mailbox, owner.client, owner.workspaceId, guest, "admin");
    expect((await put(owner.client, owner.workspaceId, guest.userId, { role: "owner" })).status).toBe(200);
    expect((await put(guest.client, owner.workspaceId, owner.userId, { role: "member" })).status).toBe(409);
    expect((await remove(guest.client, owner.workspaceId, owner.userId)).status).toBe(409);
  });

  it("answers 403 to members, 404 to strangers and for unknown people, 422 for bad input", async () => {
    const { owner, admin, member, workspaceId } = await team();
    const stranger = await person();
    expect((await put(member.client, workspaceId, admin.userId, { role: "member" })).status).toBe(403);
    expect((await put(member.client, workspaceId, member.userId, { monthlyCreditLimit: null })).status).toBe(403);
    expect((await put(stranger.client, workspaceId, member.userId, { role: "admin" })).status).toBe(404);
    expect((await put(owner.client, workspaceId, stranger.userId, { role: "admin" })).status).toBe(404);
    expect((await put(owner.client, workspaceId, "not-a-uuid", { role: "admin" })).status).toBe(404);
    for (const body of [{}, { role: "boss" }, { monthlyCreditLimit: -1 }, { monthlyCreditLimit: 1.5 }, { monthlyCreditLimit: "10" }]) {
      const res = await put(owner.client, workspaceId, member.userId, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).error).toBe("Validation failed");
    }
    expect(
      (await owner.client.call(memberRoute, "/api/x", { method: "POST", body: {}, params: { workspaceId, userId: member.userId } })).status,
    ).toBe(405);
  });
});

/** An API key of `p` for the workspace, and a call that uses it. */
async function apiKeyOf(p: Person, workspaceId: string) {
  const res = await p.client.call(apiKeysRoute, "/api/x/api-keys", { body: { name: "script" }, params: { workspaceId } });
  expect(res.status).toBe(201);
  const { key } = await res.json();
  return () =>
    callRoute(workspaceRoute, `/api/workspaces/${workspaceId}`, { params: { workspaceId }, headers: { Authorization: `Bearer ${key}` } });
}

describe("DELETE /api/workspaces/{id}/members/{userId}", () => {
  it("removes at once: the workspace answers 404, their API key 401, and their chats stay", async () => {
    const { owner, member, workspaceId } = await team();
    const useKey = await apiKeyOf(member, workspaceId);
    expect((await useKey()).status).toBe(200);
    const chat = await (
      await member.client.call(chatsRoute, "/api/x/chats/", { body: { title: "Notes" }, params: { workspaceId } })
    ).json();

    expect((await remove(owner.client, workspaceId, member.userId)).status).toBe(204);
    expect((await member.client.call(workspaceRoute, "/api/x", { params: { workspaceId } })).status).toBe(404);
    expect((await member.client.call(chatsRoute, "/api/x/chats/", { params: { workspaceId } })).status).toBe(404);
    expect((await useKey()).status).toBe(401);
    const listed = (await (await member.client.call(workspacesRoute, "/api/workspaces/")).json()).workspaces;
    expect(listed.map((w: { id: string }) => w.id)).not.toContain(workspaceId);
    expect(db().select().from(chats).where(eq(chats.id, chat.id)).get()).toMatchObject({ workspaceId, title: "Notes" });
    expect((await members(owner.client, workspaceId)).map((m) => m.userId)).not.toContain(member.userId);
  });

  it("admins remove members but not owners (403); members remove nobody (403); the last owner stays (409)", async () => {
    const { owner, admin, member, workspaceId } = await team();
    expect((await remove(member.client, workspaceId, admin.userId)).status).toBe(403);
    expect((await remove(admin.client, workspaceId, owner.userId)).status).toBe(403);
    expect((await remove(owner.client, workspaceId, owner.userId)).status).toBe(409);
    expect((await remove(owner.client, workspaceId, crypto.randomUUID())).status).toBe(404);
    expect((await remove(admin.client, workspaceId, member.userId)).status).toBe(204);
    expect((await members(owner.client, workspaceId)).map((m) => m.role)).toEqual(["owner", "admin"]);
  });
});

describe("POST /api/workspaces/{id}/leave/", () => {
  it("leaves: 200, then 404 from the workspace and 401 for one's API key there", async () => {
    const { owner, member, workspaceId } = await team();
    const useKey = await apiKeyOf(member, workspaceId);
    const res = await leave(member.client, workspaceId);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ left: true, workspaceId });
    expect((await member.client.call(workspaceRoute, "/api/x", { params: { workspaceId } })).status).toBe(404);
    expect((await leave(member.client, workspaceId)).status).toBe(404);
    expect((await useKey()).status).toBe(401);
    expect((await members(owner.client, workspaceId)).map((m) => m.userId)).not.toContain(member.userId);
  });

  it("answers 409 for one's personal workspace and for the last owner; 401 without a session", async () => {
    const { owner, admin, workspaceId } = await team();
    const personal = await leave(owner.client, owner.workspaceId);
    expect(personal.status).toBe(409);
    expect((await personal.json()).error).toMatch(/personal workspace/);
    const lastOwner = await leave(owner.client, workspaceId);
    expect(lastOwner.status).toBe(409);
    expect((await lastOwner.json()).error).toMatch(/last owner/);
    expect((await callRoute(leaveRoute, "/api/x/leave", { method: "POST", params: { workspaceId } })).status).toBe(401);
    // Once someone else owns it, the owner can go.
    expect((await put(owner.client, workspaceId, admin.userId, { role: "owner" })).status).toBe(200);
    expect((await leave(owner.client, workspaceId)).status).toBe(200);
  });
});
