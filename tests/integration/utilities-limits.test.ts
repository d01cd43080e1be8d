// Transcription and translation reach a model, so they share the stricter
// per-minute budget of model calls (RATE_LIMIT_MODEL_PER_MINUTE) with chat.
process.env.RATE_LIMIT_MODEL_PER_MINUTE = "3";

import { afterAll, beforeAll, expect, it } from "vitest";
import * as transcribeRoute from "~/routes/api/transcribe-audio";
import * as translateRoute from "~/routes/api/workspaces.id.translate";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { audioFixture } from "../support/audio";
import { startProviders } from "../support/chat";

const providers = await startProviders();
let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(async () => {
  await mailbox.close();
  await providers.close();
});

const transcribe = (p: Person) => {
  const form = new FormData();
  form.append("file", new Blob([audioFixture("tone.webm")]), "question.webm");
  return p.client.call(transcribeRoute, "/api/transcribe-audio", { body: form });
};
const translate = (p: Person) =>
  p.client.call(translateRoute, `/api/workspaces/${p.workspaceId}/translate`, {
    body: { text: "Hello.", targetLanguage: "fr" },
    params: { workspaceId: p.workspaceId },
  });

it("counts transcriptions and translations against the model-call budget, per person", async () => {
  const ada = await signedInPerson(mailbox, "Ada");
  const bob = await signedInPerson(mailbox, "Bob");
  expect((await transcribe(ada)).status).toBe(200);
  expect((await translate(ada)).status).toBe(200);
  const last = await transcribe(ada);
  expect(last.status).toBe(200);
  expect(last.headers.get("RateLimit-Remaining")).toBe("0");
  for (const flood of [await translate(ada), await transcribe(ada)]) {
    expect(flood.status).toBe(429);
    expect(Number(flood.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await flood.json()).error).toMatch(/^Too many requests/);
  }
  expect((await translate(bob)).status).toBe(200);
});
