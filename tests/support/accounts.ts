// Shortcuts for tests that need a signed-in person: sign up through the API,
// activate with the link from the captured mail, log in.
import * as activate from "~/routes/api/auth.activate-user";
import * as login from "~/routes/api/auth.login";
import * as register from "~/routes/api/auth.register";
import * as workspacesRoute from "~/routes/api/workspaces";
import { linkIn, type Mailbox } from "../fakes/smtp";
import { Client } from "./client";

let counter = 0;
export const uniqueEmail = (prefix = "user") => `${prefix}-${Date.now()}-${++counter}@example.test`;
export const PASSWORD = "correct horse battery staple";

export async function signUp(mailbox: Mailbox, email = uniqueEmail(), name?: string) {
  const client = new Client();
  const since = mailbox.messages.length;
  const res = await client.call(register, "/api/auth/register", { body: { email, password: PASSWORD, name } });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const mail = await mailbox.next(email, since);
  return { client, email, user: (await res.json()) as { id: string }, token: linkIn(mail).searchParams.get("token")! };
}

export async function signedInClient(mailbox: Mailbox, name?: string) {
  const { client, email, user, token } = await signUp(mailbox, uniqueEmail(), name);
  await client.call(activate, "/api/auth/activate-user", { body: { token } });
  const res = await client.call(login, "/api/auth/login", { body: { email, password: PASSWORD } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return { client, email, userId: user.id };
}

/** A signed-in person with their personal workspace's id. */
export async function signedInPerson(mailbox: Mailbox, name?: string) {
  const signedIn = await signedInClient(mailbox, name);
  const { workspaces } = await (await signedIn.client.call(workspacesRoute, "/api/workspaces")).json();
  return { ...signedIn, workspaceId: workspaces[0].id as string };
}
export type Person = Awaited<ReturnType<typeof signedInPerson>>;
