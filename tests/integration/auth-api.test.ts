import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as activate from "~/routes/api/auth.activate-user";
import * as login from "~/routes/api/auth.login";
import * as logout from "~/routes/api/auth.logout";
import * as confirmReset from "~/routes/api/auth.password-reset-confirm";
import * as register from "~/routes/api/auth.register";
import * as resend from "~/routes/api/auth.resend-activation";
import * as resetPassword from "~/routes/api/auth.reset-password";
import * as session from "~/routes/api/auth.session";
import * as workspaces from "~/routes/api/workspaces";
import * as loginPage from "~/routes/auth/login";
import { linkIn, startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { PASSWORD, signUp, signedInClient, uniqueEmail } from "../support/accounts";
import { APP_ORIGIN, Client, callRoute } from "../support/client";

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(() => mailbox.close());
afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 60 * 60 * 1000;
const loginForm = (email: string, password: string) => {
  const form = new FormData();
  form.set("email", email);
  form.set("password", password);
  return form;
};
const travel = (ms: number) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + ms);
};

describe("POST /api/auth/register", () => {
  it("creates an inactive account with a personal workspace and mails an activation link", async () => {
    const email = uniqueEmail("New.Person").toUpperCase();
    const res = await callRoute(register, "/api/auth/register", { body: { email, password: PASSWORD, name: "Ada" } });
    expect(res.status).toBe(201);
    const user = await res.json();
    expect(user).toMatchObject({ email: email.toLowerCase(), name: "Ada", activated: false });
    expect(user.id).toEqual(expect.any(String));
    expect(user).not.toHaveProperty("passwordHash");

    const mail = await mailbox.next(email.toLowerCase());
    expect(mail.subject).toMatch(/activate/i);
    const link = linkIn(mail);
    expect(link.origin + link.pathname).toBe(`${APP_ORIGIN}/activate`);
    expect(link.searchParams.get("token")).toHaveLength(43);
  });

  it("refuses a second account for the same email (in any case) with 409", async () => {
    const { email } = await signUp(mailbox);
    const res = await callRoute(register, "/api/auth/register", { body: { email: email.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: "An account with this email already exists" });
  });

  it("answers 422 with issues for a bad body and 400 for a body that is not JSON", async () => {
    const bad = await callRoute(register, "/api/auth/register", { body: { email: "not-an-email", password: "short" } });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.error).toBe("Validation failed");
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["email", "password"]);

    const notJson = await callRoute(register, "/api/auth/register", { body: "{oops", headers: { "Content-Type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: "Request body must be valid JSON" });
  });

  it("refuses a sign-up posted from another origin", async () => {
    const email = uniqueEmail();
    const res = await callRoute(register, "/api/auth/register", {
      body: { email, password: PASSWORD },
      origin: "https://evil.example",
    });
    expect(res.status).toBe(403);
    const retry = await callRoute(register, "/api/auth/register", { body: { email, password: PASSWORD } });
    expect(retry.status).toBe(201);
  });

  it("rate-limits sign-ups per address with 429 and Retry-After", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < 10; i++) {
      const res = await callRoute(register, "/api/auth/register", { body: { email: "bad" }, ip });
      expect(res.status).toBe(422);
    }
    const limited = await callRoute(register, "/api/auth/register", { body: { email: uniqueEmail(), password: PASSWORD }, ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatch(/too many attempts/i);
  });

  it("answers 405 with the error shape to GET", async () => {
    const res = await callRoute(register, "/api/auth/register");
    expect(res.status).toBe(405);
    expect(await res.json()).toEqual({ error: "Method not allowed" });
  });
});

describe("activation", () => {
  it("activates once; the same token is refused afterwards", async () => {
    const { email, token } = await signUp(mailbox);
    const before = await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD } });
    expect(before.status).toBe(403);
    expect((await before.json()).error).toMatch(/not activated/);

    const first = await callRoute(activate, "/api/auth/activate-user", { body: { token } });
    expect(first.status).toBe(200);
    expect((await first.json()).user).toMatchObject({ email, activated: true });

    const again = await callRoute(activate, "/api/auth/activate-user", { body: { token } });
    expect(again.status).toBe(400);
    expect((await again.json()).error).toMatch(/invalid, used or expired/);

    const after = await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD } });
    expect(after.status).toBe(200);
  });

  it("refuses an expired token, an unknown token and a bad body", async () => {
    const { email, token } = await signUp(mailbox);
    travel(49 * HOUR);
    expect((await callRoute(activate, "/api/auth/activate-user", { body: { token } })).status).toBe(400);
    vi.useRealTimers();
    expect((await callRoute(activate, "/api/auth/activate-user", { body: { token: "made-up" } })).status).toBe(400);
    expect((await callRoute(activate, "/api/auth/activate-user", { body: {} })).status).toBe(422);
    expect((await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(403);
  });

  it("resends a fresh link that replaces the old one, and says the same for unknown emails", async () => {
    const { email, token: oldToken } = await signUp(mailbox);
    const since = mailbox.messages.length;
    const res = await callRoute(resend, "/api/auth/resend-activation", { body: { email } });
    expect(res.status).toBe(200);
    const known = await res.json();
    const newToken = linkIn(await mailbox.next(email, since)).searchParams.get("token")!;
    expect(newToken).not.toBe(oldToken);

    const unknown = await callRoute(resend, "/api/auth/resend-activation", { body: { email: uniqueEmail("nobody") } });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual(known);

    expect((await callRoute(activate, "/api/auth/activate-user", { body: { token: oldToken } })).status).toBe(400);
    expect((await callRoute(activate, "/api/auth/activate-user", { body: { token: newToken } })).status).toBe(200);
    expect((await callRoute(resend, "/api/auth/resend-activation", { body: { email: "nope" } })).status).toBe(422);
  });
});

describe("log in, session and log out", () => {
  it("logs in with a session cookie that is httpOnly and SameSite=Lax, and logs out for real", async () => {
    const { client, email } = await signedInClient(mailbox);
    const me = await client.call(session, "/api/auth/session");
    expect((await me.json()).user).toMatchObject({ email });

    const fresh = new Client();
    const res = await fresh.call(login, "/api/auth/login", { body: { email, password: PASSWORD } });
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^cairn_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const stolenCookie = fresh.cookie;

    const out = await fresh.call(logout, "/api/auth/logout", { method: "POST" });
    expect(out.status).toBe(200);
    expect((await (await fresh.call(session, "/api/auth/session")).json()).user).toBeNull();
    // The old cookie is dead on the server too, not just forgotten by the browser.
    const replay = await callRoute(workspaces, "/api/workspaces", { cookie: stolenCookie });
    expect(replay.status).toBe(401);
    // The other session of the same person is untouched.
    expect((await client.call(workspaces, "/api/workspaces")).status).toBe(200);
  });

  it("refuses a session cookie whose value or signature was altered, also after the genuine one was used", async () => {
    const { client } = await signedInClient(mailbox);
    expect((await client.call(workspaces, "/api/workspaces")).status).toBe(200);
    const value = client.cookie.match(/cairn_session=([^;]+)/)![1]!;
    const dot = value.lastIndexOf(".");
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
    for (const altered of [flip(value, 0), flip(value, dot + 1), value.slice(0, dot)]) {
      const res = await callRoute(workspaces, "/api/workspaces", { cookie: `cairn_session=${altered}` });
      expect(res.status).toBe(401);
    }
    expect((await client.call(workspaces, "/api/workspaces")).status).toBe(200);
  });

  it("answers 401 for a wrong password or unknown email, with one message", async () => {
    const { email } = await signedInClient(mailbox);
    const wrong = await callRoute(login, "/api/auth/login", { body: { email, password: "wrong password" } });
    const unknown = await callRoute(login, "/api/auth/login", { body: { email: uniqueEmail(), password: PASSWORD } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect((await callRoute(login, "/api/auth/login", { body: { email } })).status).toBe(422);
  });

  it("locks an account from an address after 5 failed passwords, even for the right one, with Retry-After", async () => {
    const { email } = await signedInClient(mailbox);
    const ip = "203.0.113.7";
    for (let i = 0; i < 5; i++) {
      expect((await callRoute(login, "/api/auth/login", { body: { email, password: `guess-${i}` }, ip })).status).toBe(401);
    }
    const locked = await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD }, ip });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(0);
    travel(16 * 60 * 1000);
    expect((await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD }, ip })).status).toBe(200);
  });

  it("checks at most 5 passwords of guesses sent in parallel; the rest get 429 unchecked", async () => {
    const { email } = await signedInClient(mailbox);
    const ip = "203.0.113.8";
    // The right password comes last: it must not be checked, let alone let in.
    const passwords = [...Array.from({ length: 19 }, (_, i) => `guess-${i}`), PASSWORD];
    const guesses = passwords.map((password) => callRoute(login, "/api/auth/login", { body: { email, password }, ip }));
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    // Even the right password is not checked from there any more.
    expect((await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD }, ip })).status).toBe(429);
  });

  it("lets the owner in from their own address while a stranger's address is locked out", async () => {
    const { email } = await signedInClient(mailbox);
    const stranger = "198.51.100.66";
    for (let i = 0; i < 6; i++) await callRoute(login, "/api/auth/login", { body: { email, password: `guess-${i}` }, ip: stranger });
    expect((await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD }, ip: stranger })).status).toBe(429);
    // The same lock holds on the sign-in page, which shares the limit.
    const page = await callRoute(loginPage, "/login", { body: loginForm(email, PASSWORD), ip: stranger });
    expect(page.status).toBe(429);

    const owner = "2001:db8:1234:5678::42";
    expect((await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD }, ip: owner })).status).toBe(200);
    const ownerPage = await callRoute(loginPage, "/login", { body: loginForm(email, PASSWORD), ip: owner });
    expect(ownerPage.status).toBe(302);
    expect(ownerPage.headers.get("Set-Cookie")).toMatch(/^cairn_session=/);
  });

  it("does not count a refusal that is not about the password (an account not activated yet)", async () => {
    const { email } = await signUp(mailbox);
    const ip = "203.0.113.9";
    for (let i = 0; i < 7; i++) {
      const res = await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD }, ip });
      expect(res.status).toBe(403);
    }
  });

  it("limits log-in attempts per address", async () => {
    const ip = "198.51.100.20";
    for (let i = 0; i < 30; i++) {
      const res = await callRoute(login, "/api/auth/login", { body: { email: uniqueEmail(), password: "x" }, ip });
      expect(res.status).toBe(401);
    }
    const limited = await callRoute(login, "/api/auth/login", { body: { email: uniqueEmail(), password: "x" }, ip });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBeTruthy();
  });

  it("counts every host of an IPv6 /64 as one address (one subscriber holds the whole /64)", async () => {
    for (let i = 0; i < 30; i++) {
      const ip = `2001:db8:77:1::${(i + 1).toString(16)}`;
      expect((await callRoute(login, "/api/auth/login", { body: { email: uniqueEmail(), password: "x" }, ip })).status).toBe(401);
    }
    const sameNetwork = await callRoute(login, "/api/auth/login", {
      body: { email: uniqueEmail(), password: "x" },
      ip: "2001:db8:77:1:ffff::9",
    });
    expect(sameNetwork.status).toBe(429);
    const nextNetwork = await callRoute(login, "/api/auth/login", {
      body: { email: uniqueEmail(), password: "x" },
      ip: "2001:db8:77:2::1",
    });
    expect(nextNetwork.status).toBe(401);
  });

  it("refuses a log-in posted from another origin", async () => {
    const { email } = await signedInClient(mailbox);
    const res = await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD }, origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });
});

describe("password reset", () => {
  it("mails a reset link, sets the new password once, and signs out every session", async () => {
    const { client, email } = await signedInClient(mailbox);
    const since = mailbox.messages.length;
    const res = await callRoute(resetPassword, "/api/auth/reset-password", { body: { email } });
    expect(res.status).toBe(200);
    const link = linkIn(await mailbox.next(email, since));
    expect(link.pathname).toBe("/reset-password");
    const token = link.searchParams.get("token")!;

    expect((await callRoute(confirmReset, "/api/auth/password-reset-confirm", { body: { token, password: "short" } })).status).toBe(422);
    const confirmed = await callRoute(confirmReset, "/api/auth/password-reset-confirm", {
      body: { token, password: "a brand new password" },
    });
    expect(confirmed.status).toBe(200);

    expect((await client.call(workspaces, "/api/workspaces")).status).toBe(401);
    expect((await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(401);
    expect((await callRoute(login, "/api/auth/login", { body: { email, password: "a brand new password" } })).status).toBe(200);

    const reuse = await callRoute(confirmReset, "/api/auth/password-reset-confirm", { body: { token, password: "yet another one" } });
    expect(reuse.status).toBe(400);
  });

  it("does not reveal whether an email is registered, and expires after an hour", async () => {
    const { email } = await signedInClient(mailbox);
    const since = mailbox.messages.length;
    const known = await callRoute(resetPassword, "/api/auth/reset-password", { body: { email } });
    const unknown = await callRoute(resetPassword, "/api/auth/reset-password", { body: { email: uniqueEmail("ghost") } });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.json()).toEqual(await unknown.json());

    const token = linkIn(await mailbox.next(email, since)).searchParams.get("token")!;
    travel(61 * 60 * 1000);
    const expired = await callRoute(confirmReset, "/api/auth/password-reset-confirm", {
      body: { token, password: "a brand new password" },
    });
    expect(expired.status).toBe(400);
    vi.useRealTimers();
    expect((await callRoute(login, "/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(200);
  });

  it("rate-limits reset mails per address", async () => {
    const ip = "192.0.2.44";
    for (let i = 0; i < 10; i++) {
      expect((await callRoute(resetPassword, "/api/auth/reset-password", { body: { email: uniqueEmail() }, ip })).status).toBe(200);
    }
    expect((await callRoute(resetPassword, "/api/auth/reset-password", { body: { email: uniqueEmail() }, ip })).status).toBe(429);
  });
});
