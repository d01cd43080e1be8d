import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceMemberships } from "#db/schema";
import { db } from "~/modules/db/database.server";
import * as workspaceRoute from "~/routes/api/workspaces.id";
import * as workspaces from "~/routes/api/workspaces";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInClient } from "../support/accounts";
import { Client, callRoute } from "../support/client";

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(() => mailbox.close());

type WorkspaceJson = { id: string; name: string; isPersonal: boolean; role: string };

async function create(client: Client, name: string) {
  const res = await client.call(workspaces, "/api/workspaces/", { body: { name } });
  expect(res.status).toBe(201);
  return (await res.json()) as WorkspaceJson;
}
const at = (id: string) => ({ params: { workspaceId: id } });

/** Adds a person to a workspace with a role (invitations come with the teams issue). */
function addMember(workspaceId: string, userId: string, role: "admin" | "member") {
  db().insert(workspaceMemberships).values({ workspaceId, userId, role }).run();
}

describe("GET, POST /api/workspaces/", () => {
  it("lists the personal workspace made at sign-up, then created ones", async () => {
    const { client } = await signedInClient(mailbox, "Grace");
    const first = await client.call(workspaces, "/api/workspaces/");
    expect(first.status).toBe(200);
    const { workspaces: list } = await first.json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: "Grace's workspace", isPersonal: true, role: "owner" });

    const created = await create(client, "  Research  ");
    expect(created).toMatchObject({ name: "Research", isPersonal: false, role: "owner" });
    const after = await (await client.call(workspaces, "/api/workspaces/")).json();
    expect(after.workspaces.map((w: WorkspaceJson) => w.name)).toEqual(["Grace's workspace", "Research"]);
  });

  it("answers 401 without a session, 422 for a bad name", async () => {
    expect((await callRoute(workspaces, "/api/workspaces/")).status).toBe(401);
    expect((await callRoute(workspaces, "/api/workspaces/", { body: { name: "x" } })).status).toBe(401);
    const { client } = await signedInClient(mailbox);
    const res = await client.call(workspaces, "/api/workspaces/", { body: { name: "   " } });
    expect(res.status).toBe(422);
    expect((await res.json()).issues[0].path).toBe("name");
    expect((await client.call(workspaces, "/api/workspaces/", { body: { name: "x".repeat(81) } })).status).toBe(422);
  });

  it("refuses cookie requests from another origin, or with no origin at all", async () => {
    const { client } = await signedInClient(mailbox);
    const evil = await client.call(workspaces, "/api/workspaces/", { body: { name: "Evil" }, origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toEqual({ error: "Cross-origin request refused" });
    const crossSite = await client.call(workspaces, "/api/workspaces/", {
      body: { name: "Evil" },
      origin: null,
      headers: { "Sec-Fetch-Site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    expect((await client.call(workspaces, "/api/workspaces/", { body: { name: "Evil" }, origin: null })).status).toBe(403);
    const sameOrigin = await client.call(workspaces, "/api/workspaces/", {
      body: { name: "Fine" },
      origin: null,
      headers: { "Sec-Fetch-Site": "same-origin" },
    });
    expect(sameOrigin.status).toBe(201);
    const names = (await (await client.call(workspaces, "/api/workspaces/")).json()).workspaces.map((w: WorkspaceJson) => w.name);
    expect(names).not.toContain("Evil");
  });
});

describe("PUT, DELETE /api/workspaces/{id}", () => {
  it("lets the owner rename and delete a workspace", async () => {
    const { client } = await signedInClient(mailbox);
    const ws = await create(client, "Draft");
    const renamed = await client.call(workspaceRoute, `/api/workspaces/${ws.id}`, { method: "PUT", body: { name: "Final" }, ...at(ws.id) });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: ws.id, name: "Final" });

    const deleted = await client.call(workspaceRoute, `/api/workspaces/${ws.id}`, { method: "DELETE", ...at(ws.id) });
    expect(deleted.status).toBe(204);
    expect((await client.call(workspaceRoute, `/api/workspaces/${ws.id}`, at(ws.id))).status).toBe(404);
  });

  it("keeps the personal workspace: deleting it answers 409", async () => {
    const { client } = await signedInClient(mailbox);
    const personal = (await (await client.call(workspaces, "/api/workspaces/")).json()).workspaces[0] as WorkspaceJson;
    const res = await client.call(workspaceRoute, `/api/workspaces/${personal.id}`, { method: "DELETE", ...at(personal.id) });
    expect(res.status).toBe(409);
    expect((await client.call(workspaceRoute, `/api/workspaces/${personal.id}`, at(personal.id))).status).toBe(200);
  });

  it("lets an admin rename but not delete; a member can do neither", async () => {
    const owner = await signedInClient(mailbox);
    const admin = await signedInClient(mailbox);
    const member = await signedInClient(mailbox);
    const ws = await create(owner.client, "Team");
    addMember(ws.id, admin.userId, "admin");
    addMember(ws.id, member.userId, "member");

    const adminRename = await admin.client.call(workspaceRoute, "/api/x", { method: "PUT", body: { name: "Team A" }, ...at(ws.id) });
    expect(adminRename.status).toBe(200);
    expect((await admin.client.call(workspaceRoute, "/api/x", { method: "DELETE", ...at(ws.id) })).status).toBe(403);

    const memberRename = await member.client.call(workspaceRoute, "/api/x", { method: "PUT", body: { name: "Mine" }, ...at(ws.id) });
    expect(memberRename.status).toBe(403);
    expect((await memberRename.json()).error).toMatch(/owner or admin/);
    expect((await member.client.call(workspaceRoute, "/api/x", { method: "DELETE", ...at(ws.id) })).status).toBe(403);
    const seen = await (await member.client.call(workspaceRoute, "/api/x", at(ws.id))).json();
    expect(seen).toMatchObject({ name: "Team A", role: "member" });
  });

  it("answers 404 to a stranger, whatever the method, and changes nothing", async () => {
    const owner = await signedInClient(mailbox);
    const stranger = await signedInClient(mailbox);
    const ws = await create(owner.client, "Private");
    for (const options of [{}, { method: "PUT", body: { name: "Pwned" } }, { method: "DELETE" }]) {
      const res = await stranger.client.call(workspaceRoute, "/api/x", { ...options, ...at(ws.id) });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "Workspace not found" });
    }
    const stillThere = await owner.client.call(workspaceRoute, "/api/x", at(ws.id));
    expect(await stillThere.json()).toMatchObject({ name: "Private" });
    const strangerList = await (await stranger.client.call(workspaces, "/api/workspaces/")).json();
    expect(strangerList.workspaces.map((w: WorkspaceJson) => w.id)).not.toContain(ws.id);
  });

  it("answers 404 for a malformed id, 422 for a bad body, 401 without a session", async () => {
    const { client } = await signedInClient(mailbox);
    const ws = await create(client, "Keep");
    expect((await client.call(workspaceRoute, "/api/x", at("not-a-uuid"))).status).toBe(404);
    expect((await client.call(workspaceRoute, "/api/x", { method: "PUT", body: { name: "" }, ...at(ws.id) })).status).toBe(422);
    expect((await callRoute(workspaceRoute, "/api/x", { method: "DELETE", ...at(ws.id) })).status).toBe(401);
    expect((await client.call(workspaceRoute, "/api/x", { method: "POST", body: {}, ...at(ws.id) })).status).toBe(405);
  });
});
