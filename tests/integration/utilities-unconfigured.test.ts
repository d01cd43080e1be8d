// An instance with no model provider and no contact address: speech-to-text
// and translation say so with 503 (after checking the input), and contact
// mails go to the first account, or are refused before anyone signed up.
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
delete process.env.ANTHROPIC_API_KEY;
delete process.env.CONTACT_EMAIL;
delete process.env.ADMIN_EMAILS;

import { afterAll, beforeAll, expect, it } from "vitest";
import * as contactRoute from "~/routes/api/send-contact-email";
import * as transcribeRoute from "~/routes/api/transcribe-audio";
import * as translateRoute from "~/routes/api/workspaces.id.translate";
import * as contactPage from "~/routes/contact";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson } from "../support/accounts";
import { audioFixture } from "../support/audio";
import { callRoute } from "../support/client";

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(async () => {
  await mailbox.close();
});

const contact = { name: "Grace", email: "grace@example.test", message: "Hello, who runs this?" };

it("refuses contact messages before anyone signed up, then sends them to the first account", async () => {
  const early = await callRoute(contactRoute, "/api/send-contact-email", { body: contact });
  expect(early.status).toBe(503);
  expect((await early.json()).error).toMatch(/CONTACT_EMAIL/);
  expect(await (await callRoute(contactPage, "/contact")).json()).toEqual({ available: false });

  const operator = await signedInPerson(mailbox, "Olga");
  await signedInPerson(mailbox, "Second");
  expect(await (await callRoute(contactPage, "/contact")).json()).toEqual({ available: true });
  const since = mailbox.messages.length;
  expect((await callRoute(contactRoute, "/api/send-contact-email", { body: contact })).status).toBe(200);
  const mail = await mailbox.next(operator.email, since);
  expect(mail.subject).toBe("Contact form: a message from Grace");
  expect(mail.replyTo).toBe('"Grace" <grace@example.test>');
  expect(mailbox.messages.slice(since).map((m) => m.to)).toEqual([operator.email]);
});

it("answers 503 to a recording or a translation when no provider is configured, after checking the input", async () => {
  const ada = await signedInPerson(mailbox, "Ada");
  const upload = (bytes: Uint8Array) => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(bytes)]), "question.webm");
    return ada.client.call(transcribeRoute, "/api/transcribe-audio", { body: form });
  };
  const recording = await upload(audioFixture("media-recorder.webm"));
  expect(recording.status).toBe(503);
  expect((await recording.json()).error).toMatch(/^Speech-to-text is not available: .*OPENAI_API_KEY/);
  expect((await upload(new TextEncoder().encode("not audio"))).status).toBe(400);

  const translate = (body: unknown) =>
    ada.client.call(translateRoute, `/api/workspaces/${ada.workspaceId}/translate`, { body, params: { workspaceId: ada.workspaceId } });
  const translation = await translate({ text: "Hello.", targetLanguage: "fr" });
  expect(translation.status).toBe(503);
  expect((await translation.json()).error).toMatch(/^Translation is unavailable/);
  expect((await translate({ text: "Hello.", targetLanguage: "fr", modelId: "gpt-4o-mini" })).status).toBe(503);
  expect((await translate({ text: "", targetLanguage: "fr" })).status).toBe(422);
});
