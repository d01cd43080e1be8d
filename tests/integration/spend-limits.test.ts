// Monthly spend limits of members and teams: the 402 that names the limit,
// what counts towards a team's cap, and parallel calls that can never pass one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { creditHolds, creditTransactions } from "#db/schema";
import { availableCredits, creditBalance } from "~/modules/billing/credits.server";
import { db } from "~/modules/db/database.server";
import * as chatRoute from "~/routes/api/chat";
import * as memberRoute from "~/routes/api/workspaces.id.members.id";
import * as teamsRoute from "~/routes/api/workspaces.id.teams";
import * as teamRoute from "~/routes/api/workspaces.id.teams.id";
import * as teamLeaveRoute from "~/routes/api/workspaces.id.teams.id.leave";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { startProviders, until } from "../support/chat";
import type { Client } from "../support/client";
import { moveCredits } from "../support/credits";
import { accept, inviteToTeamByMail, join, sharedWorkspace } from "../support/people";

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
const question = (workspaceId: string, content = "What is a cairn?") => ({ messages: [{ role: "user", content }], workspaceId });
const ask = (client: Client, workspaceId: string, signal?: AbortSignal) =>
  client.call(chatRoute, "/api/chat", { body: question(workspaceId), signal });
const setLimit = (owner: Client, workspaceId: string, userId: string, monthlyCreditLimit: number | null) =>
  owner.call(memberRoute, "/api/x", { method: "PUT", body: { monthlyCreditLimit }, params: { workspaceId, userId } });
/** What a person spent in the workspace, from the ledger. */
const spentBy = (workspaceId: string, userId: string) =>
  0 -
  db()
    .select()
    .from(creditTransactions)
    .where(eq(creditTransactions.workspaceId, workspaceId))
    .all()
    .filter((t) => t.type === "usage" && t.userId === userId)
    .reduce((sum, t) => sum + t.amount, 0);

/** A funded shared workspace "Acme" with its owner and a member who joined by invitation. */
async function acme() {
  const owner = await person("Olga");
  const member = await person("Max");
  const workspaceId = await sharedWorkspace(owner.client, "Acme");
  await moveCredits(owner.client, workspaceId, 500);
  await join(mailbox, owner.client, workspaceId, member);
  return { owner, member, workspaceId };
}

/** The worst-case hold of one question like `question()`, measured on a hanging answer. */
async function holdOfOneQuestion(p: Person, workspaceId: string) {
  providers.openai.setDefault({ tokens: ["held"], hang: true });
  const probe = new AbortController();
  const res = await ask(p.client, workspaceId, probe.signal);
  expect(res.status).toBe(200);
  const hold = creditBalance(workspaceId) - availableCredits(workspaceId);
  probe.abort();
  await res.text().catch(() => {});
  await until(() => providers.openai.openStreams === 0 && availableCredits(workspaceId) === creditBalance(workspaceId));
  providers.openai.setDefault({});
  return hold;
}

describe("a member's monthly limit", () => {
  it("answers 402 naming the limit and the workspace once the member's cap would be passed; others are not held back", async () => {
    const { owner, member, workspaceId } = await acme();
    expect((await setLimit(owner.client, workspaceId, member.userId, 0)).status).toBe(200);
    const refused = await ask(member.client, workspaceId);
    expect(refused.status).toBe(402);
    const { error } = await refused.json();
    expect(error).toMatch(/^You have reached your monthly limit in Acme — ask an owner\./);
    expect(error).toContain("The limit is 0 credits a month");
    expect(spentBy(workspaceId, member.userId)).toBe(0);

    const byOwner = await ask(owner.client, workspaceId);
    expect(byOwner.status).toBe(200);
    await byOwner.text();

    expect((await setLimit(owner.client, workspaceId, member.userId, 400)).status).toBe(200);
    const allowed = await ask(member.client, workspaceId);
    expect(allowed.status).toBe(200);
    await allowed.text();
    expect(spentBy(workspaceId, member.userId)).toBeGreaterThan(0);
  });

  it("counts only this workspace: the same person spends freely in their personal workspace", async () => {
    const { owner, member, workspaceId } = await acme();
    await setLimit(owner.client, workspaceId, member.userId, 0);
    const personal = await ask(member.client, member.workspaceId);
    expect(personal.status).toBe(200);
    await personal.text();
  });
});

describe("a team's monthly limit", () => {
  it("caps what the team's members spend together while in it, and names the team", async () => {
    const { owner, member, workspaceId } = await acme();
    const colleague = await person("Cleo");
    await join(mailbox, owner.client, workspaceId, colleague);
    // Spent before joining the team does not count towards it.
    const early = await ask(member.client, workspaceId);
    await early.text();
    const hold = await holdOfOneQuestion(member, workspaceId);
    expect(spentBy(workspaceId, member.userId)).toBeGreaterThan(0);

    const team = await (await owner.client.call(teamsRoute, "/api/x", { body: { name: "Ops" }, params: { workspaceId } })).json();
    for (const p of [member, colleague]) {
      const { token } = await inviteToTeamByMail(mailbox, owner.client, workspaceId, team.id, p.email);
      expect((await accept(p.client, token)).status).toBe(200);
    }
    // Room for exactly one answer's worst case: any real spend by the team leaves too little for another.
    await owner.client.call(teamRoute, "/api/x", {
      method: "PUT",
      body: { monthlyCreditLimit: hold },
      params: { workspaceId, teamId: team.id },
    });

    const first = await ask(colleague.client, workspaceId);
    expect(first.status).toBe(200);
    await first.text();
    // The team has now spent something: another worst-case hold no longer fits, whoever in the team asks.
    const refused = await ask(member.client, workspaceId);
    expect(refused.status).toBe(402);
    expect((await refused.json()).error).toMatch(/^Your team “Ops” has reached its monthly limit in Acme — ask an owner\./);
    expect((await ask(colleague.client, workspaceId)).status).toBe(402);
    // The owner created the team, so is in it and held back too — until they leave it.
    expect((await ask(owner.client, workspaceId)).status).toBe(402);
    const left = await owner.client.call(teamLeaveRoute, "/api/x", { method: "POST", params: { workspaceId, teamId: team.id } });
    expect(left.status).toBe(200);
    const outside = await ask(owner.client, workspaceId);
    expect(outside.status).toBe(200);
    await outside.text();
  });
});

describe("caps under concurrency", () => {
  it("60 parallel calls by one capped member: exactly as many start as the cap holds, the rest get 402, spend stays under the cap", async () => {
    const { owner, member, workspaceId } = await acme();
    const hold = await holdOfOneQuestion(member, workspaceId);
    const k = 4;
    const already = spentBy(workspaceId, member.userId);
    const limit = already + hold * k;
    expect((await setLimit(owner.client, workspaceId, member.userId, limit)).status).toBe(200);
    expect(availableCredits(workspaceId)).toBeGreaterThan(hold * 60);

    providers.openai.setDefault({ tokens: ["held"], hang: true });
    const aborts = Array.from({ length: 60 }, () => new AbortController());
    const responses = await Promise.all(aborts.map((a) => ask(member.client, workspaceId, a.signal)));
    const started = responses.filter((r) => r.status === 200);
    expect(started).toHaveLength(k);
    const refused = responses.filter((r) => r.status === 402);
    expect(refused).toHaveLength(60 - k);
    for (const r of refused.slice(0, 3)) expect((await r.json()).error).toMatch(/monthly limit in Acme/);
    const held = db().select().from(creditHolds).where(eq(creditHolds.workspaceId, workspaceId)).all();
    expect(held.reduce((sum, h) => sum + h.amount, 0)).toBe(hold * k);

    aborts.forEach((a) => a.abort());
    await Promise.all(started.map((r) => r.text().catch(() => {})));
    await until(() => providers.openai.openStreams === 0 && availableCredits(workspaceId) === creditBalance(workspaceId));
    providers.openai.setDefault({});
    expect(spentBy(workspaceId, member.userId)).toBeLessThanOrEqual(limit);
  });
});
