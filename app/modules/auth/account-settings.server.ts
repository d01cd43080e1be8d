// What a signed-in person changes about their own account: name, email (the
// new address confirms by mail before it replaces the old one), password,
// other sessions, and the account itself.
import { and, eq, gt, isNull } from "drizzle-orm";
import { users, verificationTokens, type User } from "#db/schema";
import { billingAccount, billingStatus } from "~/modules/billing/subscriptions.server";
import { db, transaction } from "~/modules/db/database.server";
import { HttpError, conflict } from "~/modules/http/errors";
import { deleteWorkspacesOwnedAlone, workspaceFates } from "~/modules/workspaces/ownership.server";
import { InvalidCredentialsError, consumeToken, findUserByEmail, firstAccount, issueToken, normalizeEmail } from "./accounts.server";
import { authenticateWithPassword } from "./login.server";
import { sendEmailChangeMail, sendEmailChangeNotice } from "./mails.server";
import { hashPassword } from "./passwords.server";
import { revokeOtherSessions, revokeUserSessions } from "./session.server";

const fieldError = (path: string, message: string) => new HttpError(422, "Please correct the highlighted fields", [{ path, message }]);

/** The account's current password, under the same failure limit as log-in (429 after too many). */
async function confirmPassword(user: User, password: string, field: string, address: string) {
  try {
    await authenticateWithPassword(user.email, password, address);
  } catch (error) {
    if (error instanceof InvalidCredentialsError) throw fieldError(field, "This is not your current password");
    throw error;
  }
}

export function updateName(user: User, name: string): User {
  return db()
    .update(users)
    .set({ name: name || null })
    .where(eq(users.id, user.id))
    .returning()
    .get();
}

/** The address waiting for its confirmation mail to be opened, if any. */
export function pendingEmailChange(userId: string): string | null {
  const row = db()
    .select({ newEmail: verificationTokens.newEmail })
    .from(verificationTokens)
    .where(
      and(
        eq(verificationTokens.userId, userId),
        eq(verificationTokens.purpose, "email_change"),
        isNull(verificationTokens.usedAt),
        gt(verificationTokens.expiresAt, new Date()),
      ),
    )
    .get();
  return row?.newEmail ?? null;
}

export function cancelEmailChange(userId: string) {
  db()
    .delete(verificationTokens)
    .where(and(eq(verificationTokens.userId, userId), eq(verificationTokens.purpose, "email_change")))
    .run();
}

/**
 * Mails a confirmation link to the new address (and a notice to the old one).
 * The account keeps its address until the link is opened.
 */
export async function requestEmailChange(user: User, input: { email: string; password: string }, address: string) {
  const email = normalizeEmail(input.email);
  if (email === user.email) throw fieldError("email", "This is already your address");
  await confirmPassword(user, input.password, "password", address);
  if (findUserByEmail(email)) throw fieldError("email", "Another account uses this address");
  const token = issueToken(user.id, "email_change", email);
  sendEmailChangeMail(email, token);
  sendEmailChangeNotice(user.email, email);
  return email;
}

/** Opens a confirmation link: the account takes the new address. Single use; 400 if unknown, used or expired. */
export function confirmEmailChange(token: string): User {
  return transaction((tx) => {
    const row = consumeToken(token, "email_change");
    if (!row?.newEmail)
      throw new HttpError(400, "This confirmation link is invalid, used or expired. Ask for a new one from your account page.");
    if (findUserByEmail(row.newEmail)) throw conflict("Another account took this address in the meantime");
    return tx.update(users).set({ email: row.newEmail }).where(eq(users.id, row.userId)).returning().get();
  });
}

/** Sets a new password after checking the current one, and signs out every other session. */
export async function changePassword(
  user: User,
  input: { currentPassword: string; newPassword: string },
  keepSession: string | null,
  address: string,
) {
  await confirmPassword(user, input.currentPassword, "currentPassword", address);
  const passwordHash = await hashPassword(input.newPassword);
  return transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    return revokeOtherSessions(user.id, keepSession);
  });
}

/** What deleting the account would do, for the page to say before anyone confirms. */
export function accountDeletionPreview(user: User) {
  const fates = workspaceFates(user.id).map((f) => ({
    ...f,
    // A paid plan that renews would go on charging for a workspace that no longer exists.
    renewingSubscription: f.fate === "deleted" && ["active", "past_due"].includes(billingStatus(billingAccount(f.workspace.id))),
  }));
  const blockers = [
    // The very first account administers the instance (admin module): deleting it would hand that to the next one.
    ...(firstAccount()?.id === user.id
      ? [
          "This is the first account of this Cairn, which makes it the administrator: deleting it would make the next account the administrator.",
        ]
      : []),
    ...fates
      .filter((f) => f.renewingSubscription)
      .map((f) => `“${f.workspace.name}” has a Pro subscription that renews: cancel it on its billing page first.`),
  ];
  return { fates, blockers };
}

/** Deletes the account after checking its password; see accountDeletionPreview for what goes with it. */
export async function deleteAccount(user: User, password: string, address: string) {
  await confirmPassword(user, password, "password", address);
  const { blockers } = accountDeletionPreview(user);
  if (blockers.length) throw conflict(blockers[0]!);
  transaction((tx) => {
    deleteWorkspacesOwnedAlone(user.id);
    revokeUserSessions(user.id);
    // Memberships, shares, tokens go with the row; chats, documents and ledger rows elsewhere keep no author.
    tx.delete(users).where(eq(users.id, user.id)).run();
  });
}
