// Mail goes through the durable job queue: the request that causes a mail
// answers without waiting for SMTP (known and unknown addresses alike), and
// the job worker delivers it, retrying what the server refuses for now.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/database.server";
import * as register from "~/routes/api/auth.register";
import * as resend from "~/routes/api/auth.resend-activation";
import * as resetPassword from "~/routes/api/auth.reset-password";
import { linkIn, startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { PASSWORD, signedInClient, uniqueEmail } from "../support/accounts";
import { callRoute } from "../support/client";

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(() => mailbox.close());

type MailJob = { status: string; attempts: number; lastError: string | null; payload: string };
const lastMailJob = () =>
  db()
    .$client.prepare("SELECT status, attempts, last_error AS lastError, payload FROM jobs WHERE kind = 'mail' ORDER BY id DESC LIMIT 1")
    .get() as MailJob;

/** Waits (without a deadline) until the last mail job has ended. */
async function mailJobEnded(): Promise<MailJob> {
  for (;;) {
    const job = lastMailJob();
    if (job.status === "done" || job.status === "failed") return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("mail through the job queue", () => {
  it("answers a reset request before the SMTP server has accepted the mail; the mail arrives afterwards", async () => {
    const { email } = await signedInClient(mailbox);
    const since = mailbox.messages.length;
    const release = mailbox.hold();
    try {
      const known = await callRoute(resetPassword, "/api/auth/reset-password", { body: { email } });
      const unknown = await callRoute(resetPassword, "/api/auth/reset-password", { body: { email: uniqueEmail("ghost") } });
      expect(known.status).toBe(200);
      expect(await known.json()).toEqual(await unknown.json());
      // The worker is talking to the server, which has not accepted the mail yet.
      await mailbox.holding();
      expect(mailbox.messages.length).toBe(since);
    } finally {
      release();
    }
    const mail = await mailbox.next(email, since);
    expect(linkIn(mail).pathname).toBe("/reset-password");
    expect(mailbox.messages.slice(since).map((m) => m.to)).toEqual([email]);
  });

  it("answers sign-up and a resent activation before the mail is accepted", async () => {
    const email = uniqueEmail("slow-smtp");
    const since = mailbox.messages.length;
    const release = mailbox.hold();
    try {
      expect((await callRoute(register, "/api/auth/register", { body: { email, password: PASSWORD } })).status).toBe(201);
      expect((await callRoute(resend, "/api/auth/resend-activation", { body: { email } })).status).toBe(200);
      expect(mailbox.messages.length).toBe(since);
    } finally {
      release();
    }
    const first = await mailbox.next(email, since);
    const second = await mailbox.next(email, mailbox.messages.indexOf(first) + 1);
    expect(first.subject).toMatch(/activate/i);
    expect(second.subject).toMatch(/activate/i);
  });

  it("retries a mail the server refuses for now (451) until it is accepted", async () => {
    const { email } = await signedInClient(mailbox);
    const since = mailbox.messages.length;
    mailbox.refuseNext(451);
    expect((await callRoute(resetPassword, "/api/auth/reset-password", { body: { email } })).status).toBe(200);
    const mail = await mailbox.next(email, since);
    expect(linkIn(mail).searchParams.get("token")).toHaveLength(43);
    const job = await mailJobEnded();
    expect(job).toMatchObject({ status: "done", attempts: 2 });
    // Once sent, the mail's text (its one-time link) is not kept in the database.
    expect(job.payload).not.toContain("token");
    expect(JSON.parse(job.payload)).toEqual({ to: email, subject: mail.subject });
  });

  it("gives up at once on a permanent refusal (550) and keeps no copy of the link", async () => {
    const { email } = await signedInClient(mailbox);
    const since = mailbox.messages.length;
    mailbox.refuseNext(550);
    expect((await callRoute(resetPassword, "/api/auth/reset-password", { body: { email } })).status).toBe(200);
    const job = await mailJobEnded();
    expect(job).toMatchObject({ status: "failed", attempts: 1 });
    expect(job.lastError).toMatch(/550/);
    expect(job.payload).not.toContain("token");
    expect(mailbox.messages.slice(since)).toEqual([]);
  });
});
