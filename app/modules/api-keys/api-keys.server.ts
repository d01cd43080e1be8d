// API keys: Bearer secrets for programmatic access to one workspace, acting
// as the person who made them. The secret (`cairn_…`) is shown once; only its
// SHA-256 is stored, like session ids. A key stops working at once when it is
// revoked, expires, or its person leaves the workspace or is suspended.
import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import { apiKeys, users, workspaceMemberships, type ApiKey, type User } from "#db/schema";
import { randomToken, sha256 } from "~/modules/auth/tokens.server";
import { db } from "~/modules/db/database.server";
import { forbidden, notFound } from "~/modules/http/errors";
import { isPrimary } from "~/modules/replication/primary.server";
import { can } from "~/modules/workspaces/permissions";
import type { Membership } from "~/modules/workspaces/workspaces.server";

export const API_KEY_PREFIX = "cairn_";
// How many characters of a key are kept in clear to tell keys apart.
const VISIBLE_CHARACTERS = API_KEY_PREFIX.length + 6;
// lastUsedAt is written at most this often per key: one write per request would be wasted I/O.
const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  /** Who made it (owners and admins see everyone's keys). */
  userId: string;
};

const toView = (key: ApiKey): ApiKeyView => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  expiresAt: key.expiresAt?.toISOString() ?? null,
  userId: key.userId,
});

const canSeeAllKeys = (membership: Membership) => can(membership.role, "apiKeys.manageAny");

/** Makes a key for the caller in this workspace; the secret is in the answer and nowhere else. */
export function createApiKey(membership: Membership, input: { name: string; expiresAt?: Date }): ApiKeyView & { key: string } {
  const key = `${API_KEY_PREFIX}${randomToken()}`;
  const row = db()
    .insert(apiKeys)
    .values({
      workspaceId: membership.workspace.id,
      userId: membership.user.id,
      name: input.name,
      prefix: key.slice(0, VISIBLE_CHARACTERS),
      keyHash: sha256(key),
      expiresAt: input.expiresAt ?? null,
    })
    .returning()
    .get();
  return { ...toView(row), key };
}

/** Live keys of the workspace: the caller's own, or everyone's for owners and admins. */
export function listApiKeys(membership: Membership): ApiKeyView[] {
  const mine = canSeeAllKeys(membership) ? undefined : eq(apiKeys.userId, membership.user.id);
  return db()
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, membership.workspace.id), isNull(apiKeys.revokedAt), mine))
    .orderBy(desc(apiKeys.createdAt))
    .all()
    .map(toView);
}

/** Revokes a key: its maker can, and so can the workspace's owners and admins. */
export function revokeApiKey(membership: Membership, keyId: string) {
  const key = db()
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.workspaceId, membership.workspace.id), isNull(apiKeys.revokedAt)))
    .get();
  if (!key || (key.userId !== membership.user.id && !canSeeAllKeys(membership))) throw notFound("API key not found");
  db().update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, key.id)).run();
}

/** Revokes a person's keys for a workspace (they left it or were removed). */
export function revokeMemberApiKeys(workspaceId: string, userId: string) {
  db()
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .run();
}

export type KeyHolder = { user: User; apiKey: { id: string; workspaceId: string } };

/**
 * The person and workspace behind a Bearer secret, or null when the key is
 * unknown, revoked, expired, its person suspended or no longer a member.
 */
export function authenticateApiKey(secret: string, now = new Date()): KeyHolder | null {
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  const row = db()
    .select({ key: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(
      workspaceMemberships,
      and(eq(workspaceMemberships.workspaceId, apiKeys.workspaceId), eq(workspaceMemberships.userId, apiKeys.userId)),
    )
    .where(
      and(
        eq(apiKeys.keyHash, sha256(secret)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
        isNull(users.suspendedAt),
      ),
    )
    .get();
  if (!row) return null;
  noteKeyUse(row.key, now);
  return { user: row.user, apiKey: { id: row.key.id, workspaceId: row.key.workspaceId } };
}

function noteKeyUse(key: ApiKey, now: Date) {
  // A LiteFS replica cannot write; the primary records the next use it serves.
  if (!isPrimary()) return;
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  db()
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))))
    .run();
}

/** Managing keys with a key would let a leaked key outlive its revocation. */
export function assertNotKeyManagedByKey(viaKey: boolean) {
  if (viaKey) throw forbidden("API keys are managed from a signed-in session, not with an API key");
}
