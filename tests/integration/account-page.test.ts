import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as login from "~/routes/api/auth.login";
import * as workspacesApi from "~/routes/api/workspaces";
import * as workspaceApi from "~/routes/api/workspaces.id";
import * as account from "~/routes/app/account";
import * as confirmEmail from "~/routes/auth/confirm-email";
import { linkIn, startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { PASSWORD, signedInClient, signedInPerson, uniqueEmail } from "../support/accounts";
import { Client, callRoute } from "../support/client";
import { db } from "~/modules/db/database.server";
import { users, workspaceMemberships } from "#db/schema";
import { eq } from "drizzle-orm";

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  // The very first account administers the instance and cannot be deleted: make it someone else.
  await signedInClient(mailbox, "First");
});
afterAll(() => mailbox.close());
afterEach(() => vi.useRealTimers());

const form = (fields: Record<string, string>) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return body;
};
const post = (client: Client, fields: Record<string, string>) => client.call(account, "/account", { body: form(fields) });
const loadAccount = async (client: Client) => (await client.call(account, "/account")).json();

async function logInElsewhere(email: string, password = PASSWORD) {
  const other = new Client();
  const res = await other.call(login, "/api/auth/login", { body: { email, password } });
  expect(res.status).toBe(200);
  return other;
}
const stillSignedIn = async (client: Client) => (await client.call(account, "/account")).status === 200;

describe("account page", () => {
  it("answers 415, changing nothing, to bodies that are not forms", async () => {
    const { client } = await signedInClient(mailbox);
    for (const [body, headers] of [
      [JSON.stringify({ intent: "name", name: "JSON" }), { "Content-Type": "application/json" }],
      ["intent=name&name=Text", { "Content-Type": "text/plain" }],
      [undefined, {}],
    ] as const) {
      const res = await client.call(account, "/account", { method: "POST", body, headers });
      expect(res.status).toBe(415);
      expect((await res.json()).error).toMatch(/form/);
    }
    expect((await loadAccount(client)).user.name).toBeNull();
  });

  it("changes the name, and refuses unknown intents with 422", async () => {
    const { client } = await signedInClient(mailbox);
    const res = await post(client, { intent: "name", name: "  Ada Lovelace " });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, message: "Name saved." });
    expect((await loadAccount(client)).user.name).toBe("Ada Lovelace");
    expect((await post(client, { intent: "promote-me" })).status).toBe(422);
  });

  it("changes the email only once the link mailed to the new address is opened, once", async () => {
    const { client, email } = await signedInClient(mailbox);
    const newEmail = uniqueEmail("moved");
    const wrong = await post(client, { intent: "email", email: newEmail, password: "not my password" });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).fieldErrors.password).toBe("This is not your current password");

    const since = mailbox.messages.length;
    const res = await post(client, { intent: "email", email: newEmail, password: PASSWORD });
    expect(res.status).toBe(200);
    const mail = await mailbox.next(newEmail, since);
    expect(mail.subject).toMatch(/confirm/i);
    const notice = await mailbox.next(email, since);
    expect(notice.text).toContain(newEmail);

    // Until confirmed, the old address stays and is the one that logs in.
    const before = await loadAccount(client);
    expect(before.user.email).toBe(email);
    expect(before.pendingEmail).toBe(newEmail);
    await logInElsewhere(email);

    const link = linkIn(mail);
    expect(link.pathname).toBe("/confirm-email");
    const token = link.searchParams.get("token")!;
    const confirmed = await client.call(confirmEmail, "/confirm-email", { body: form({ token }) });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/account");
    const after = await loadAccount(client);
    expect(after.user.email).toBe(newEmail);
    expect(after.pendingEmail).toBeNull();
    await logInElsewhere(newEmail);

    // Single use.
    const again = await callRoute(confirmEmail, "/confirm-email", { body: form({ token }) });
    expect(again.status).toBe(400);
  });

  it("refuses an address another account uses, and an expired link", async () => {
    const { client } = await signedInClient(mailbox);
    const { email: taken } = await signedInClient(mailbox);
    const res = await post(client, { intent: "email", email: taken.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(422);
    expect((await res.json()).fieldErrors.email).toBe("Another account uses this address");

    const newEmail = uniqueEmail("late");
    const since = mailbox.messages.length;
    await post(client, { intent: "email", email: newEmail, password: PASSWORD });
    const token = linkIn(await mailbox.next(newEmail, since)).searchParams.get("token")!;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 25 * 60 * 60 * 1000);
    expect((await callRoute(confirmEmail, "/confirm-email", { body: form({ token }) })).status).toBe(400);
  });

  it("cancels a pending email change: its link stops working", async () => {
    const { client } = await signedInClient(mailbox);
    const newEmail = uniqueEmail("never");
    const since = mailbox.messages.length;
    await post(client, { intent: "email", email: newEmail, password: PASSWORD });
    const token = linkIn(await mailbox.next(newEmail, since)).searchParams.get("token")!;
    expect((await post(client, { intent: "cancel-email" })).status).toBe(200);
    expect((await loadAccount(client)).pendingEmail).toBeNull();
    expect((await callRoute(confirmEmail, "/confirm-email", { body: form({ token }) })).status).toBe(400);
  });

  it("changes the password with the current one, and signs out every other session but this one", async () => {
    const { client, email } = await signedInClient(mailbox);
    const elsewhere = await logInElsewhere(email);
    expect((await loadAccount(client)).otherSessions).toBe(1);

    const wrong = await post(client, {
      intent: "password",
      currentPassword: "wrong",
      newPassword: "brand new password",
      confirmPassword: "brand new password",
    });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).fieldErrors.currentPassword).toBeDefined();
    const mismatch = await post(client, {
      intent: "password",
      currentPassword: PASSWORD,
      newPassword: "brand new password",
      confirmPassword: "other",
    });
    expect((await mismatch.json()).fieldErrors.confirmPassword).toBe("The two passwords differ");

    const res = await post(client, {
      intent: "password",
      currentPassword: PASSWORD,
      newPassword: "brand new password",
      confirmPassword: "brand new password",
    });
    expect(res.status).toBe(200);
    expect((await res.json()).message).toBe("Password changed. 1 other session was signed out.");
    expect(await stillSignedIn(client)).toBe(true);
    expect(await stillSignedIn(elsewhere)).toBe(false);
    expect((await new Client().call(login, "/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(401);
    await logInElsewhere(email, "brand new password");
  });

  it("signs out of other sessions", async () => {
    const { client, email } = await signedInClient(mailbox);
    const [a, b] = [await logInElsewhere(email), await logInElsewhere(email)];
    const res = await post(client, { intent: "sessions" });
    expect((await res.json()).message).toBe("Signed out of 2 other sessions.");
    expect(await stillSignedIn(a)).toBe(false);
    expect(await stillSignedIn(b)).toBe(false);
    expect(await stillSignedIn(client)).toBe(true);
    expect((await loadAccount(client)).otherSessions).toBe(0);
  });

  it("deletes the account with its password: its personal workspace and those it alone owns go, shared ones stay with their owners", async () => {
    const person = await signedInPerson(mailbox, "Leaving");
    const partner = await signedInPerson(mailbox, "Staying");
    // A team workspace the partner also owns, and one the leaving person owns alone with the partner as member.
    const create = async (name: string) =>
      (await (await person.client.call(workspacesApi, "/api/workspaces", { body: { name } })).json()) as { id: string };
    const shared = await create("Shared lab");
    const solo = await create("Solo lab");
    db().insert(workspaceMemberships).values({ workspaceId: shared.id, userId: partner.userId, role: "owner" }).run();
    db().insert(workspaceMemberships).values({ workspaceId: solo.id, userId: partner.userId, role: "member" }).run();
    // Even made a co-owner of the personal workspace, the partner does not keep it (nor its free monthly grant).
    db().insert(workspaceMemberships).values({ workspaceId: person.workspaceId, userId: partner.userId, role: "owner" }).run();

    const preview = (await loadAccount(person.client)).deletion;
    const fate = (name: string) => preview.fates.find((f: { workspace: { name: string } }) => f.workspace.name === name);
    expect(preview.blockers).toEqual([]);
    expect(fate("Shared lab")).toMatchObject({ fate: "stays" });
    expect(fate("Solo lab")).toMatchObject({ fate: "deleted", otherMembers: 1 });
    expect(fate("Leaving's workspace")).toMatchObject({ fate: "deleted", otherMembers: 1 });

    const wrong = await post(person.client, { intent: "delete", password: "nope" });
    expect(wrong.status).toBe(422);
    expect(await stillSignedIn(person.client)).toBe(true);

    const res = await post(person.client, { intent: "delete", password: PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
    expect(db().select().from(users).where(eq(users.id, person.userId)).get()).toBeUndefined();
    expect(await stillSignedIn(person.client)).toBe(false);
    expect((await new Client().call(login, "/api/auth/login", { body: { email: person.email, password: PASSWORD } })).status).toBe(401);

    const get = (id: string) => partner.client.call(workspaceApi, `/api/workspaces/${id}`, { params: { workspaceId: id } });
    expect((await get(shared.id)).status).toBe(200);
    expect((await get(solo.id)).status).toBe(404);
    expect((await get(person.workspaceId)).status).toBe(404);
  });

  it("will not delete the first account, which administers the instance", async () => {
    const first = db().select().from(users).orderBy(users.createdAt).limit(1).get()!;
    const client = await logInElsewhere(first.email);
    const { deletion } = await loadAccount(client);
    expect(deletion.blockers[0]).toMatch(/first account/);
    const res = await post(client, { intent: "delete", password: PASSWORD });
    expect(res.status).toBe(409);
    expect(await stillSignedIn(client)).toBe(true);
  });
});
