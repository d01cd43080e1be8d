// The public contact form (POST /api/send-contact-email and the /contact
// page): the mail is queued as a job and delivered (by the tests' mail worker,
// as by the server's) over real SMTP to the capture server, with Reply-To the visitor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/database.server";
import * as contactRoute from "~/routes/api/send-contact-email";
import * as contactPage from "~/routes/contact";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { callRoute } from "../support/client";

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  process.env.CONTACT_EMAIL = "ops@example.test, support@example.test";
});
afterAll(async () => {
  await mailbox.close();
});

const message = {
  name: "Ada Lovelace",
  email: "ada@example.test",
  subject: "Self-hosting question",
  message: "Can Cairn run on a Raspberry Pi?\nThanks!",
};
const send = (body: unknown, ip?: string) => callRoute(contactRoute, "/api/send-contact-email", { body, ip });
/** Waits until `count` more mails have arrived since `since` (every mail of this file goes to ops@). */
async function arrived(count: number, since: number) {
  for (let i = 0; i < count; i++) await mailbox.next("ops@example.test", since + i);
}
const mailJobs = () => (db().$client.prepare("SELECT count(*) AS n FROM jobs WHERE kind = 'mail'").get() as { n: number }).n;

describe("POST /api/send-contact-email", () => {
  it("answers at once, even while the mail server is slow, and delivers to CONTACT_EMAIL with Reply-To the sender", async () => {
    const since = mailbox.messages.length;
    const release = mailbox.hold();
    const res = await send(message);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sent: true });
    // The mail server holds the mail: the answer did not wait for it.
    await mailbox.holding();
    expect(mailbox.messages.length).toBe(since);
    release();

    const mail = await mailbox.next("ops@example.test", since);
    expect(mail.to).toBe("ops@example.test, support@example.test");
    expect(mail.replyTo).toBe('"Ada Lovelace" <ada@example.test>');
    expect(mail.subject).toBe("Contact form: Self-hosting question");
    expect(mail.text).toContain("Ada Lovelace <ada@example.test> wrote through the contact form of http://localhost:3000:");
    expect(mail.text).toContain("Can Cairn run on a Raspberry Pi?\nThanks!");
  });

  it("names the sender in the subject when there is none", async () => {
    const since = mailbox.messages.length;
    expect((await send({ ...message, subject: "" })).status).toBe(200);
    expect((await mailbox.next("ops@example.test", since)).subject).toBe("Contact form: a message from Ada Lovelace");
  });

  it("answers 422 to a bad email, an empty message, a missing name or a header on two lines, and queues nothing", async () => {
    const queued = mailJobs();
    for (const [body, path] of [
      [{ ...message, email: "ada at example" }, "email"],
      [{ ...message, message: "   " }, "message"],
      [{ ...message, name: undefined }, "name"],
      [{ ...message, name: "Ada\r\nBcc: everyone@example.test" }, "name"],
      [{ ...message, subject: "Hi\nBcc: everyone@example.test" }, "subject"],
      [{ ...message, message: "x".repeat(5001) }, "message"],
    ] as const) {
      const res = await send(body);
      expect(res.status, path).toBe(422);
      expect((await res.json()).issues.map((i: { path: string }) => i.path)).toEqual([path]);
    }
    const notJson = await callRoute(contactRoute, "/api/send-contact-email", {
      body: "name=Ada",
      headers: { "Content-Type": "text/plain" },
    });
    expect(notJson.status).toBe(400);
    expect(mailJobs()).toBe(queued);
  });

  it("answers a filled honeypot as if sent, and sends nothing", async () => {
    const queued = mailJobs();
    const res = await send({ ...message, website: "http://spam.example" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sent: true });
    expect(mailJobs()).toBe(queued);
  });

  it("takes 5 messages an hour per client address, whatever RATE_LIMIT_PER_MINUTE says; bad input does not count", async () => {
    expect(Number(process.env.RATE_LIMIT_PER_MINUTE)).toBeGreaterThan(1000);
    const queuedBefore = mailJobs();
    const since = mailbox.messages.length;
    const ip = "198.51.100.7";
    expect((await send({ ...message, email: "nope" }, ip)).status).toBe(422);
    for (let i = 0; i < 5; i++) expect((await send(message, ip)).status, `message ${i + 1}`).toBe(200);
    const flooded = await send(message, ip);
    expect(flooded.status).toBe(429);
    expect(Number(flooded.headers.get("Retry-After"))).toBeGreaterThan(3500);
    expect((await flooded.json()).error).toMatch(/5 messages an hour/);
    // Another address, and another host of the same IPv6 /64 counted as one.
    expect((await send(message, "198.51.100.8")).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await send(message, `2001:db8::${i + 1}`)).status).toBe(200);
    expect((await send(message, "2001:db8::99")).status).toBe(429);
    // Exactly the accepted messages were sent.
    await arrived(11, since);
    expect(mailJobs()).toBe(queuedBefore + 11);
  });

  it("delivers a message the mail server turned away for a while", async () => {
    const since = mailbox.messages.length;
    mailbox.refuseNext(451);
    expect((await send({ ...message, subject: "While the mail server was busy" })).status).toBe(200);
    expect((await mailbox.next("ops@example.test", since)).subject).toBe("Contact form: While the mail server was busy");
  });
});

describe("the /contact page", () => {
  const formOf = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return form;
  };

  it("sends the form's message the same way and confirms it", async () => {
    const since = mailbox.messages.length;
    const res = await callRoute(contactPage, "/contact", { body: formOf({ ...message, website: "" }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, name: "Ada Lovelace", email: "ada@example.test" });
    expect((await mailbox.next("support@example.test", since)).replyTo).toBe('"Ada Lovelace" <ada@example.test>');
  });

  it("shows what to correct beside the field", async () => {
    const res = await callRoute(contactPage, "/contact", { body: formOf({ ...message, email: "ada@" }) });
    expect(res.status).toBe(422);
    expect((await res.json()).fieldErrors).toEqual({ email: "Enter a valid email address" });
  });
});
