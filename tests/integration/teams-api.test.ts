// Teams inside a workspace: CRUD, team invitations by mail, memberships,
// leaving, and chats and knowledge bases shared with a team.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByEmail } from "~/modules/auth/accounts.server";
import { chatKnowledgeBaseIds } from "~/modules/rag/knowledge-bases.server";
import { requireMembership } from "~/modules/workspaces/workspaces.server";
import * as acceptRoute from "~/routes/api/invitations.accept";
import * as chatsRoute from "~/routes/api/workspaces.id.chats";
import * as chatRoute from "~/routes/api/workspaces.id.chats.id";
import * as inviteUserRoute from "~/routes/api/workspaces.id.chats.id.invite-user";
import * as chatKnowledgeBasesRoute from "~/routes/api/workspaces.id.chats.id.knowledge-bases";
import * as attachRoute from "~/routes/api/workspaces.id.chats.id.knowledge-bases.attach";
import * as knowledgeBasesRoute from "~/routes/api/workspaces.id.knowledge-bases";
import * as knowledgeBaseRoute from "~/routes/api/workspaces.id.knowledge-bases.id";
import * as kbTeamsRoute from "~/routes/api/workspaces.id.knowledge-bases.id.teams";
import * as kbTeamRoute from "~/routes/api/workspaces.id.knowledge-bases.id.teams.id";
import * as membersRoute from "~/routes/api/workspaces.id.members";
import * as memberRoute from "~/routes/api/workspaces.id.members.id";
import * as teamsRoute from "~/routes/api/workspaces.id.teams";
import * as teamRoute from "~/routes/api/workspaces.id.teams.id";
import * as teamInvitationsRoute from "~/routes/api/workspaces.id.teams.id.invitations";
import * as teamLeaveRoute from "~/routes/api/workspaces.id.teams.id.leave";
import * as teamMembershipRoute from "~/routes/api/workspaces.id.teams.id.memberships.id";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson } from "../support/accounts";
import { Client, callRoute } from "../support/client";
import { accept, inviteToTeamByMail, join, sharedWorkspace } from "../support/people";

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(() => mailbox.close());

const person = (name?: string) => signedInPerson(mailbox, name);
type Membership = { id: string; userId: string; email: string; name: string | null; role: string };

const createTeam = (client: Client, workspaceId: string, body: unknown) =>
  client.call(teamsRoute, "/api/x/teams/", { body, params: { workspaceId } });
const getTeam = (client: Client, workspaceId: string, teamId: string) =>
  client.call(teamRoute, "/api/x/teams/y/", { params: { workspaceId, teamId } });
const putTeam = (client: Client, workspaceId: string, teamId: string, body: unknown) =>
  client.call(teamRoute, "/api/x/teams/y/", { method: "PUT", body, params: { workspaceId, teamId } });
const teamMemberships = async (client: Client, workspaceId: string, teamId: string): Promise<Membership[]> =>
  (await (await getTeam(client, workspaceId, teamId)).json()).memberships;

/** A shared workspace with an owner, and a member and a bystander who joined by invitation. */
async function crew() {
  const owner = await person("Owen");
  const member = await person("Mia");
  const bystander = await person("Ben");
  const workspaceId = await sharedWorkspace(owner.client, "Studio");
  await join(mailbox, owner.client, workspaceId, member);
  await join(mailbox, owner.client, workspaceId, bystander);
  return { owner, member, bystander, workspaceId };
}

async function teamOf(client: Client, workspaceId: string, name = "Research") {
  const res = await createTeam(client, workspaceId, { name, description: "Reads papers" });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; name: string };
}

/** The crew, with a team the owner made and the member joined by mail; the bystander is not in it. */
async function crewWithTeam() {
  const people = await crew();
  const team = await teamOf(people.owner.client, people.workspaceId);
  const { token } = await inviteToTeamByMail(mailbox, people.owner.client, people.workspaceId, team.id, people.member.email);
  await accept(people.member.client, token);
  return { ...people, team };
}

describe("GET, POST /api/workspaces/{ws}/teams/", () => {
  it("creates a team whose creator is its admin; every member sees the list", async () => {
    const { owner, member, workspaceId } = await crew();
    const team = await teamOf(owner.client, workspaceId);
    expect(team).toMatchObject({ name: "Research", description: "Reads papers", memberCount: 1, monthlyCreditLimit: null });
    const seen = await (await member.client.call(teamsRoute, "/api/x/teams/", { params: { workspaceId } })).json();
    expect(seen.teams).toEqual([
      expect.objectContaining({ id: team.id, name: "Research", description: "Reads papers", memberCount: 1, monthlyCreditLimit: null }),
    ]);
    const memberships = await teamMemberships(member.client, workspaceId, team.id);
    expect(memberships).toEqual([expect.objectContaining({ userId: owner.userId, email: owner.email, name: "Owen", role: "admin" })]);
  });

  it("answers 403 to members, 404 to strangers, 401 anonymous, 409 for a name in use, 422 for bad input", async () => {
    const { owner, member, workspaceId } = await crew();
    const stranger = await person();
    expect((await createTeam(member.client, workspaceId, { name: "Mine" })).status).toBe(403);
    expect((await createTeam(stranger.client, workspaceId, { name: "Mine" })).status).toBe(404);
    expect((await stranger.client.call(teamsRoute, "/api/x/teams/", { params: { workspaceId } })).status).toBe(404);
    expect((await callRoute(teamsRoute, "/api/x/teams/", { params: { workspaceId } })).status).toBe(401);
    await teamOf(owner.client, workspaceId, "Design");
    expect((await createTeam(owner.client, workspaceId, { name: " design " })).status).toBe(409);
    for (const body of [{}, { name: "" }, { name: "x".repeat(81) }, { name: "Ok", description: 5 }]) {
      expect((await createTeam(owner.client, workspaceId, body)).status, JSON.stringify(body)).toBe(422);
    }
    const { teams } = await (await owner.client.call(teamsRoute, "/api/x/teams/", { params: { workspaceId } })).json();
    expect(teams.map((t: { name: string }) => t.name)).toEqual(["Design"]);
  });
});

describe("GET, PUT, DELETE /api/workspaces/{ws}/teams/{id}/", () => {
  it("lets the team's admin and workspace owners edit and delete; members get 403; other workspaces 404", async () => {
    const { owner, member, bystander, workspaceId } = await crew();
    const team = await teamOf(owner.client, workspaceId);
    expect((await putTeam(member.client, workspaceId, team.id, { name: "Mine" })).status).toBe(403);

    // Make the member a team admin (by invitation with the admin team role).
    const { token } = await inviteToTeamByMail(mailbox, owner.client, workspaceId, team.id, member.email, "admin");
    expect((await accept(member.client, token)).status).toBe(200);
    const renamed = await putTeam(member.client, workspaceId, team.id, { name: "Lab", monthlyCreditLimit: 900 });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: team.id, name: "Lab", monthlyCreditLimit: 900, memberCount: 2 });
    expect((await putTeam(owner.client, workspaceId, team.id, { monthlyCreditLimit: null })).status).toBe(200);
    for (const body of [{}, { monthlyCreditLimit: -5 }, { name: "" }]) {
      expect((await putTeam(owner.client, workspaceId, team.id, body)).status).toBe(422);
    }

    const otherWorkspace = await sharedWorkspace(owner.client, "Elsewhere");
    expect((await getTeam(owner.client, otherWorkspace, team.id)).status).toBe(404);
    expect((await getTeam(owner.client, workspaceId, crypto.randomUUID())).status).toBe(404);

    const del = (client: Client) => client.call(teamRoute, "/api/x", { method: "DELETE", params: { workspaceId, teamId: team.id } });
    expect((await del(bystander.client)).status).toBe(403);
    expect((await del(member.client)).status).toBe(204);
    expect((await getTeam(owner.client, workspaceId, team.id)).status).toBe(404);
  });
});

describe("team invitations", () => {
  it("mails the same kind of link; accepting joins the team, and the workspace as a member if needed", async () => {
    const { owner, member, workspaceId } = await crew();
    const team = await teamOf(owner.client, workspaceId);
    const newcomer = await person("Nora");
    const { invitation, mail, token } = await inviteToTeamByMail(mailbox, owner.client, workspaceId, team.id, newcomer.email);
    expect(invitation).toMatchObject({ email: newcomer.email, role: "member", status: "pending" });
    expect(mail.text).toContain("the team “Research” in Studio");
    expect(mail.text).toMatch(/\/invite\?token=/);
    const listed = await owner.client.call(teamInvitationsRoute, "/api/x", { params: { workspaceId, teamId: team.id } });
    expect((await listed.json()).invitations).toEqual([invitation]);

    const res = await newcomer.client.call(acceptRoute, "/api/invitations/accept", { body: { token } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: "member", workspace: { id: workspaceId } });
    const roles = (await (await owner.client.call(membersRoute, "/api/x", { params: { workspaceId } })).json()).members.map(
      (m: { email: string; role: string }) => [m.email, m.role],
    );
    expect(roles).toContainEqual([newcomer.email, "member"]);
    expect((await teamMemberships(owner.client, workspaceId, team.id)).map((m) => [m.email, m.role])).toEqual([
      [owner.email, "admin"],
      [newcomer.email, "member"],
    ]);

    // An existing workspace member keeps their workspace role when joining a team.
    await owner.client.call(memberRoute, "/api/x", {
      method: "PUT",
      body: { role: "admin" },
      params: { workspaceId, userId: member.userId },
    });
    const second = await inviteToTeamByMail(mailbox, owner.client, workspaceId, team.id, member.email, "admin");
    expect((await (await accept(member.client, second.token)).json()).role).toBe("admin");
  });

  it("answers 409 for someone already in the team, 403 to members who do not run it, 422 for bad input", async () => {
    const { owner, member, workspaceId } = await crew();
    const team = await teamOf(owner.client, workspaceId);
    const call = (client: Client, body: unknown) =>
      client.call(teamInvitationsRoute, "/api/x", { body, params: { workspaceId, teamId: team.id } });
    expect((await call(owner.client, { email: owner.email })).status).toBe(409);
    expect((await call(member.client, { email: "someone@example.test" })).status).toBe(403);
    expect((await member.client.call(teamInvitationsRoute, "/api/x", { params: { workspaceId, teamId: team.id } })).status).toBe(403);
    expect((await call(owner.client, { email: "nope" })).status).toBe(422);
    expect((await call(owner.client, { email: "a@example.test", role: "owner" })).status).toBe(422);
  });
});

describe("team memberships and leaving", () => {
  it("changes a team role and removes someone (204); team members cannot (403); leaving answers 200", async () => {
    const { owner, member, bystander, workspaceId } = await crew();
    const team = await teamOf(owner.client, workspaceId);
    for (const p of [member, bystander]) {
      const { token } = await inviteToTeamByMail(mailbox, owner.client, workspaceId, team.id, p.email);
      expect((await accept(p.client, token)).status).toBe(200);
    }
    const byEmail = async (email: string) => (await teamMemberships(owner.client, workspaceId, team.id)).find((m) => m.email === email)!;
    const memberRow = await byEmail(member.email);
    const bystanderRow = await byEmail(bystander.email);
    const at = (membershipId: string) => ({ params: { workspaceId, teamId: team.id, membershipId } });

    expect(
      (await member.client.call(teamMembershipRoute, "/api/x", { method: "PUT", body: { role: "admin" }, ...at(bystanderRow.id) })).status,
    ).toBe(403);
    expect((await member.client.call(teamMembershipRoute, "/api/x", { method: "DELETE", ...at(bystanderRow.id) })).status).toBe(403);
    const promoted = await owner.client.call(teamMembershipRoute, "/api/x", {
      method: "PUT",
      body: { role: "admin" },
      ...at(memberRow.id),
    });
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ id: memberRow.id, userId: member.userId, role: "admin" });
    expect(
      (await owner.client.call(teamMembershipRoute, "/api/x", { method: "PUT", body: { role: "chief" }, ...at(memberRow.id) })).status,
    ).toBe(422);
    expect(
      (await owner.client.call(teamMembershipRoute, "/api/x", { method: "PUT", body: { role: "member" }, ...at(crypto.randomUUID()) }))
        .status,
    ).toBe(404);
    // Now a team admin, the member can remove the bystander.
    expect((await member.client.call(teamMembershipRoute, "/api/x", { method: "DELETE", ...at(bystanderRow.id) })).status).toBe(204);

    const left = await member.client.call(teamLeaveRoute, "/api/x/leave/", { method: "POST", params: { workspaceId, teamId: team.id } });
    expect(left.status).toBe(200);
    expect((await teamMemberships(owner.client, workspaceId, team.id)).map((m) => m.email)).toEqual([owner.email]);
    const again = await member.client.call(teamLeaveRoute, "/api/x/leave/", { method: "POST", params: { workspaceId, teamId: team.id } });
    expect(again.status).toBe(404);
  });

  it("leaving the workspace takes a person out of its teams", async () => {
    const { owner, member, workspaceId } = await crew();
    const team = await teamOf(owner.client, workspaceId);
    const { token } = await inviteToTeamByMail(mailbox, owner.client, workspaceId, team.id, member.email);
    await accept(member.client, token);
    await owner.client.call(memberRoute, "/api/x", { method: "DELETE", params: { workspaceId, userId: member.userId } });
    expect((await teamMemberships(owner.client, workspaceId, team.id)).map((m) => m.email)).toEqual([owner.email]);
  });
});

describe("sharing with a team", () => {
  it("a chat shared with a team is seen and continued by its members only, and not after they leave the team", async () => {
    const { owner, member, bystander, workspaceId, team } = await crewWithTeam();
    const chat = await (await owner.client.call(chatsRoute, "/api/x", { body: { title: "Plan" }, params: { workspaceId } })).json();
    const chatAt = { params: { workspaceId, chatId: chat.id } };
    const titles = async (client: Client) =>
      (await (await client.call(chatsRoute, "/api/x", { params: { workspaceId } })).json()).chats.map((c: { title: string }) => c.title);
    expect(await titles(member.client)).toEqual([]);

    const shared = await owner.client.call(inviteUserRoute, "/api/x", { body: { teamId: team.id }, ...chatAt });
    expect(shared.status).toBe(200);
    expect(await shared.json()).toEqual({ chatId: chat.id, sharedWithTeam: { id: team.id, name: "Research" } });
    expect(await titles(member.client)).toEqual(["Plan"]);
    const seen = await (await member.client.call(chatRoute, "/api/x", chatAt)).json();
    expect(seen.sharedWithTeams).toEqual([{ id: team.id, name: "Research" }]);
    expect(await titles(bystander.client)).toEqual([]);
    expect((await bystander.client.call(chatRoute, "/api/x", chatAt)).status).toBe(404);

    for (const body of [{ teamId: crypto.randomUUID() }, { teamId: "x" }, {}, { email: owner.email, teamId: team.id }]) {
      expect((await owner.client.call(inviteUserRoute, "/api/x", { body, ...chatAt })).status, JSON.stringify(body)).toBe(422);
    }
    await member.client.call(teamLeaveRoute, "/api/x", { method: "POST", params: { workspaceId, teamId: team.id } });
    expect(await titles(member.client)).toEqual([]);
    expect((await member.client.call(chatRoute, "/api/x", chatAt)).status).toBe(404);
  });

  it("a knowledge base shared with teams is theirs (and its creator's and owners') only; unshared, everyone's again", async () => {
    const { owner, member, bystander, workspaceId, team } = await crewWithTeam();
    const kb = await (
      await bystander.client.call(knowledgeBasesRoute, "/api/x", { body: { name: "Handbook" }, params: { workspaceId } })
    ).json();
    const kbAt = { params: { workspaceId, knowledgeBaseId: kb.id } };
    const names = async (client: Client) =>
      (await (await client.call(knowledgeBasesRoute, "/api/x", { params: { workspaceId } })).json()).knowledgeBases.map(
        (k: { name: string }) => k.name,
      );
    expect(await names(member.client)).toEqual(["Handbook"]);

    // Only its creator (or an owner/admin) decides who sees it.
    expect((await member.client.call(kbTeamsRoute, "/api/x", { body: { teamId: team.id }, ...kbAt })).status).toBe(403);
    const shared = await bystander.client.call(kbTeamsRoute, "/api/x", { body: { teamId: team.id }, ...kbAt });
    expect(shared.status).toBe(200);
    expect(await shared.json()).toEqual({ teams: [{ id: team.id, name: "Research" }] });
    expect(await names(member.client)).toEqual(["Handbook"]);
    expect(await names(bystander.client)).toEqual(["Handbook"]);
    expect(await names(owner.client)).toEqual(["Handbook"]);

    const outsider = await person();
    await join(mailbox, owner.client, workspaceId, outsider);
    expect(await names(outsider.client)).toEqual([]);
    expect((await outsider.client.call(knowledgeBaseRoute, "/api/x", kbAt)).status).toBe(404);
    expect((await bystander.client.call(kbTeamsRoute, "/api/x", { body: { teamId: crypto.randomUUID() }, ...kbAt })).status).toBe(422);

    const unshare = await bystander.client.call(kbTeamRoute, "/api/x", { method: "DELETE", params: { ...kbAt.params, teamId: team.id } });
    expect(unshare.status).toBe(204);
    expect(await names(outsider.client)).toEqual(["Handbook"]);
    expect(
      (await bystander.client.call(kbTeamRoute, "/api/x", { method: "DELETE", params: { ...kbAt.params, teamId: team.id } })).status,
    ).toBe(404);
  });

  it("a team's knowledge base attached to a chat is neither listed to nor answered from for a chat reader outside the team", async () => {
    const { member, bystander, workspaceId, team } = await crewWithTeam();
    const kb = await (
      await member.client.call(knowledgeBasesRoute, "/api/x", { body: { name: "Salaries" }, params: { workspaceId } })
    ).json();
    await member.client.call(kbTeamsRoute, "/api/x", { body: { teamId: team.id }, params: { workspaceId, knowledgeBaseId: kb.id } });
    const chat = await (await member.client.call(chatsRoute, "/api/x", { body: { title: "Pay review" }, params: { workspaceId } })).json();
    const chatAt = { params: { workspaceId, chatId: chat.id } };
    expect((await member.client.call(attachRoute, "/api/x", { body: { knowledgeBaseIds: [kb.id] }, ...chatAt })).status).toBe(200);
    expect((await member.client.call(inviteUserRoute, "/api/x", { body: { email: bystander.email }, ...chatAt })).status).toBe(200);

    const attached = async (client: Client) =>
      (await (await client.call(chatKnowledgeBasesRoute, "/api/x", chatAt)).json()).knowledgeBases.map((k: { name: string }) => k.name);
    expect(await attached(member.client)).toEqual(["Salaries"]);
    expect((await bystander.client.call(chatRoute, "/api/x", chatAt)).status).toBe(200);
    expect(await attached(bystander.client)).toEqual([]);
    // What questions in the chat are grounded in, for each asker.
    const asker = (person: { email: string }) => requireMembership(findUserByEmail(person.email)!, workspaceId);
    expect(chatKnowledgeBaseIds(asker(member), chat.id)).toEqual([kb.id]);
    expect(chatKnowledgeBaseIds(asker(bystander), chat.id)).toEqual([]);
  });
});
