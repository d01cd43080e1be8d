// Cookie sessions whose data lives in the database: the cookie holds only a
// signed random id, so signing out (or a password reset) revokes it everywhere.
import { and, count, eq, gt, lt, ne, sql } from "drizzle-orm";
import { createCookie, createSessionStorage, type Cookie, type SessionStorage } from "react-router";
import { sessions, users, type User } from "#db/schema";
import { env } from "~/modules/config/env.server";
import { db, preparedQuery } from "~/modules/db/database.server";
import { randomToken, sha256 } from "./tokens.server";

type SessionData = { userId: string };
const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

// Every signed-in request reads its session and its user: both queries are built once.
const sessionDataQuery = preparedQuery((database) =>
  database
    .select({ data: sessions.data })
    .from(sessions)
    // Milliseconds, as the column stores them (a placeholder skips the column's encoder).
    .where(and(eq(sessions.idHash, sql.placeholder("idHash")), gt(sessions.expiresAt, sql.placeholder("now"))))
    .prepare(),
);
const userQuery = preparedQuery((database) =>
  database
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .prepare(),
);

let storage: SessionStorage<SessionData> | undefined;

// Checking a cookie's signature imports the secret into WebCrypto each time
// (~0.1 ms, on every signed-in request). A Cookie header that verified once
// verifies again with the same secrets, so its value is remembered: what the
// session is worth is still read from the database on every request.
const REMEMBERED_COOKIE_HEADERS = 500;

function rememberingVerifiedValues(cookie: Cookie): Cookie {
  const verified = new Map<string, unknown>();
  return {
    get name() {
      return cookie.name;
    },
    get isSigned() {
      return cookie.isSigned;
    },
    get expires() {
      return cookie.expires;
    },
    serialize: (value, options) => cookie.serialize(value, options),
    async parse(header, options) {
      if (!header || options) return cookie.parse(header, options);
      if (verified.has(header)) return verified.get(header);
      const value: unknown = await cookie.parse(header);
      // Only values that verified are kept: a forged or junk header is checked in full each time and fills nothing.
      if (typeof value === "string") {
        if (verified.size >= REMEMBERED_COOKIE_HEADERS) verified.delete(verified.keys().next().value!);
        verified.set(header, value);
      }
      return value;
    },
  };
}

function sessionStorage() {
  storage ??= createSessionStorage<SessionData>({
    cookie: rememberingVerifiedValues(
      createCookie("cairn_session", {
        httpOnly: true,
        sameSite: "lax",
        secure: env().NODE_ENV === "production",
        path: "/",
        maxAge: SESSION_TTL_MS / 1000,
        // The first secret signs; every secret still verifies, so secrets rotate without sign-outs.
        secrets: env().sessionSecrets,
      }),
    ),
    async createData(data, expires) {
      const id = randomToken();
      db()
        .insert(sessions)
        .values({
          idHash: sha256(id),
          userId: data.userId ?? null,
          data,
          expiresAt: expires ?? new Date(Date.now() + SESSION_TTL_MS),
        })
        .run();
      return id;
    },
    async readData(id) {
      const row = sessionDataQuery().get({ idHash: sha256(id), now: Date.now() });
      return (row?.data as SessionData | undefined) ?? null;
    },
    async updateData(id, data, expires) {
      db()
        .update(sessions)
        .set({ data, userId: data.userId ?? null, ...(expires ? { expiresAt: expires } : {}) })
        .where(eq(sessions.idHash, sha256(id)))
        .run();
    },
    async deleteData(id) {
      db()
        .delete(sessions)
        .where(eq(sessions.idHash, sha256(id)))
        .run();
    },
  });
  return storage;
}

/** Starts a session for the user; returns the Set-Cookie header value. */
export async function createUserSession(userId: string): Promise<string> {
  const store = sessionStorage();
  const session = await store.getSession();
  session.set("userId", userId);
  db().delete(sessions).where(lt(sessions.expiresAt, new Date())).run();
  return store.commitSession(session, { expires: new Date(Date.now() + SESSION_TTL_MS) });
}

/** The signed-in user of this request, or null. */
export async function getSessionUser(request: Request): Promise<User | null> {
  const cookie = request.headers.get("Cookie");
  if (!cookie?.includes("cairn_session=")) return null;
  const session = await sessionStorage().getSession(cookie);
  const userId = session.get("userId");
  if (!userId) return null;
  const user = userQuery().get({ id: userId });
  // A suspended account's sessions are revoked; this also covers a cookie still in flight.
  return user && !user.suspendedAt ? user : null;
}

export function hasSessionCookie(request: Request) {
  return request.headers.get("Cookie")?.includes("cairn_session=") ?? false;
}

/** Ends this request's session; returns the Set-Cookie header value that clears it. */
export async function destroyRequestSession(request: Request): Promise<string> {
  const store = sessionStorage();
  const session = await store.getSession(request.headers.get("Cookie"));
  return store.destroySession(session);
}

/** Signs the user out everywhere (after a password reset). */
export function revokeUserSessions(userId: string) {
  db().delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** The stored key of this request's session (the hash of its id), or null without one. */
export async function requestSessionKey(request: Request): Promise<string | null> {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  return session.id ? sha256(session.id) : null;
}

/** How many live sessions (browsers, devices) the user has besides the one kept. */
export function countOtherSessions(userId: string, keep: string | null): number {
  const row = db()
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.idHash, keep ?? ""), gt(sessions.expiresAt, new Date())))
    .get();
  return row?.n ?? 0;
}

/** Signs the user out everywhere except in the session kept (`requestSessionKey`). */
export function revokeOtherSessions(userId: string, keep: string | null): number {
  return db()
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.idHash, keep ?? "")))
    .run().changes;
}
