// Accounts: sign-up (with a personal workspace), activation, credentials,
// password reset. Tokens are random, stored as SHA-256, single-use and expiring.
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { users, verificationTokens, type User } from "#db/schema";
import { db, transaction } from "~/modules/db/database.server";
import { HttpError, conflict } from "~/modules/http/errors";
import { isPrimary } from "~/modules/replication/primary.server";
import { acceptInvitationOnSignUp, assertInvitationFor } from "~/modules/workspaces/invitations.server";
import { createWorkspace } from "~/modules/workspaces/workspaces.server";
import { sendActivationMail, sendPasswordResetMail } from "./mails.server";
import { hashPassword, timingDecoyHash, verifyPassword } from "./passwords.server";
import { revokeUserSessions } from "./session.server";
import { randomToken, sha256 } from "./tokens.server";

type TokenPurpose = "activation" | "password_reset" | "email_change";
const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  activation: 48 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
  email_change: 24 * 60 * 60 * 1000,
};

export type PublicUser = { id: string; email: string; name: string | null; activated: boolean; createdAt: string };
export const toPublicUser = (u: User): PublicUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  activated: u.activatedAt !== null,
  createdAt: u.createdAt.toISOString(),
});

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The first account this Cairn ever had (it administers the instance); none before anyone signed up. */
export function firstAccount(): Pick<User, "id" | "email"> | undefined {
  return db().select({ id: users.id, email: users.email }).from(users).orderBy(asc(users.createdAt), asc(users.id)).limit(1).get();
}

export function findUserByEmail(email: string): User | undefined {
  return db()
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
}

/** Issues a fresh token; earlier unused tokens of the same purpose stop working. */
export function issueToken(userId: string, purpose: TokenPurpose, newEmail?: string): string {
  const token = randomToken();
  transaction((tx) => {
    tx.delete(verificationTokens)
      .where(and(eq(verificationTokens.userId, userId), eq(verificationTokens.purpose, purpose)))
      .run();
    tx.insert(verificationTokens)
      .values({ userId, purpose, newEmail, tokenHash: sha256(token), expiresAt: new Date(Date.now() + TOKEN_TTL_MS[purpose]) })
      .run();
  });
  return token;
}

/** Marks a valid token used and returns whose it is, or null if unknown, used or expired. */
export function consumeToken(token: string, purpose: TokenPurpose): { userId: string; newEmail: string | null } | null {
  const row = db()
    .update(verificationTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(verificationTokens.tokenHash, sha256(token)),
        eq(verificationTokens.purpose, purpose),
        isNull(verificationTokens.usedAt),
        gt(verificationTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: verificationTokens.userId, newEmail: verificationTokens.newEmail })
    .get();
  return row ?? null;
}

/**
 * Creates an account and its personal workspace, and mails the activation link.
 * `preActivated` (seed and admin tools only) skips activation and the mail.
 * With an `invitationToken` sent to this address the mail already proved it:
 * the account is active at once and joins the invited workspace (400 for a
 * bad token, 403 for another address).
 */
export async function registerUser(
  input: { email: string; password: string; name?: string; invitationToken?: string },
  { preActivated = false } = {},
): Promise<User> {
  const email = normalizeEmail(input.email);
  const invitationToken = input.invitationToken;
  if (invitationToken) assertInvitationFor(invitationToken, email);
  const passwordHash = await hashPassword(input.password);
  const activatedAt = preActivated || invitationToken ? new Date() : null;
  const user = transaction((tx) => {
    if (findUserByEmail(email)) throw conflict("An account with this email already exists");
    const created = tx
      .insert(users)
      .values({ email, name: input.name || null, passwordHash, activatedAt })
      .returning()
      .get();
    const personal = createWorkspace(created.id, input.name ? `${input.name}'s workspace` : "Personal", true);
    const current = invitationToken ? acceptInvitationOnSignUp(created, invitationToken) : personal.id;
    return tx.update(users).set({ currentWorkspaceId: current }).where(eq(users.id, created.id)).returning().get();
  });
  if (!activatedAt) sendActivationMail(user.email, issueToken(user.id, "activation"));
  return user;
}

export function activateAccount(token: string): User {
  const userId = consumeToken(token, "activation")?.userId;
  if (!userId) throw new HttpError(400, "This activation link is invalid, used or expired. Ask for a new one.");
  return db().update(users).set({ activatedAt: new Date() }).where(eq(users.id, userId)).returning().get();
}

/** Sends a new activation link if the account exists and is not active; says nothing either way. */
export function resendActivation(email: string): void {
  const user = findUserByEmail(email);
  if (!user || user.activatedAt) return;
  sendActivationMail(user.email, issueToken(user.id, "activation"));
}

/** Sends a reset link if the account exists; says nothing either way. */
export function requestPasswordReset(email: string): void {
  const user = findUserByEmail(email);
  if (!user) return;
  sendPasswordResetMail(user.email, issueToken(user.id, "password_reset"));
}

/** Sets a new password from a reset token and signs the account out everywhere. */
export async function resetPassword(token: string, password: string): Promise<User> {
  const passwordHash = await hashPassword(password);
  return transaction((tx) => {
    const userId = consumeToken(token, "password_reset")?.userId;
    if (!userId) throw new HttpError(400, "This reset link is invalid, used or expired. Ask for a new one.");
    revokeUserSessions(userId);
    // Proving control of the mailbox also proves the address: activate if needed.
    const user = tx.select().from(users).where(eq(users.id, userId)).get()!;
    return tx
      .update(users)
      .set({ passwordHash, activatedAt: user.activatedAt ?? new Date() })
      .where(eq(users.id, userId))
      .returning()
      .get();
  });
}

export class InvalidCredentialsError extends HttpError {
  constructor() {
    super(401, "Email or password is incorrect");
  }
}

/** The user for these credentials; 401 if wrong, 403 if the account is not activated yet. */
export async function verifyCredentials(email: string, password: string): Promise<User> {
  const user = findUserByEmail(email);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await timingDecoyHash));
  if (!user || !valid) throw new InvalidCredentialsError();
  if (!user.activatedAt)
    throw new HttpError(403, "Your account is not activated yet. Open the link in the activation mail, or ask for a new one.");
  if (user.suspendedAt) throw new HttpError(403, "This account is suspended. Contact an administrator of this Cairn.");
  return user;
}

/**
 * Remembers the workspace last opened. Pages call this on GET, and a LiteFS
 * replica cannot write: there it is skipped (the primary records it on the next visit it serves).
 */
export function setCurrentWorkspace(userId: string, workspaceId: string) {
  if (!isPrimary()) return;
  db().update(users).set({ currentWorkspaceId: workspaceId }).where(eq(users.id, userId)).run();
}
