// POST /api/workspaces/{id}/translate through the real SDKs against the
// loopback stand-ins, paid through the real ledger.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspacePlans } from "#db/schema";
import { availableCredits, creditBalance, listCreditTransactions, recordCredits } from "~/modules/billing/credits.server";
import { db } from "~/modules/db/database.server";
import { preferredTargetLanguage } from "~/modules/translate/preferences.server";
import * as transcribeRoute from "~/routes/api/transcribe-audio";
import * as memberRoute from "~/routes/api/workspaces.id.members.id";
import * as translateRoute from "~/routes/api/workspaces.id.translate";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { audioFixture } from "../support/audio";
import { startProviders } from "../support/chat";
import { callRoute } from "../support/client";

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

const person = (name?: string) => signedInPerson(mailbox, name);
const translate = (p: Person, body: unknown, workspaceId = p.workspaceId) =>
  p.client.call(translateRoute, `/api/workspaces/${workspaceId}/translate`, { body, params: { workspaceId } });
const lastUsage = (workspaceId: string) => listCreditTransactions(workspaceId, { limit: 1, offset: 0, type: "usage" }).transactions[0];
const setAvailable = (workspaceId: string, credits: number) =>
  recordCredits(workspaceId, { type: "adjustment", amount: credits - availableCredits(workspaceId), description: "test balance" });

describe("POST /api/workspaces/{id}/translate", () => {
  it("translates with the cheapest model the plan allows, charges it, and remembers the language", async () => {
    const ada = await person("Ada");
    providers.openai.script({ tokens: ["Bonjour", " à", " tous", "."] });
    const res = await translate(ada, { text: "Hello everyone.", targetLanguage: "fr" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ translation: "Bonjour à tous.", modelId: "gpt-4o-mini" });
    const sent = providers.openai.requests.at(-1)!;
    expect(sent.model).toBe("gpt-4o-mini");
    expect(sent.messages[0].content).toContain("into French (fr)");
    expect(sent.messages.at(-1)).toEqual({ role: "user", content: "Hello everyone." });
    expect(lastUsage(ada.workspaceId)).toMatchObject({
      amount: -1,
      modelId: "gpt-4o-mini",
      description: "Translation into French with GPT-4o mini",
    });
    expect(creditBalance(ada.workspaceId)).toBe(499);
    expect(preferredTargetLanguage(ada.userId)).toBe("fr");
  });

  it("takes a chosen model and a source language, and canonicalises the tags", async () => {
    const ada = await person("Ada");
    providers.anthropic.script({ tokens: ["Olá", " a todos."] });
    const res = await translate(ada, {
      text: "Hallo zusammen.",
      targetLanguage: "PT-br",
      sourceLanguage: "de",
      modelId: "claude-haiku-4-5",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ translation: "Olá a todos.", modelId: "claude-haiku-4-5" });
    expect(providers.anthropic.requests.at(-1)!.system).toContain("from German (de) into Brazilian Portuguese (pt-BR)");
    expect(preferredTargetLanguage(ada.userId)).toBe("pt-BR");
  });

  it("answers 422 to empty text, unknown languages and unknown models, 403 to a model outside the plan", async () => {
    const ada = await person("Ada");
    const before = providers.openai.requests.length;
    for (const [body, path] of [
      [{ text: "  ", targetLanguage: "fr" }, "text"],
      [{ text: "Hi", targetLanguage: "xx" }, "targetLanguage"],
      [{ text: "Hi", targetLanguage: "french" }, "targetLanguage"],
      [{ text: "Hi", targetLanguage: "fr", sourceLanguage: "zz-ZZ" }, "sourceLanguage"],
      [{ text: "Hi", targetLanguage: "fr", modelId: "gpt-5-ultra" }, "modelId"],
      [{ text: "Hi" }, "targetLanguage"],
      [{ text: "x".repeat(20_001), targetLanguage: "fr" }, "text"],
    ] as const) {
      const res = await translate(ada, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect((await res.json()).issues.map((i: { path: string }) => i.path)).toEqual([path]);
    }
    const pro = await translate(ada, { text: "Hi", targetLanguage: "fr", modelId: "gpt-4o" });
    expect(pro.status).toBe(403);
    expect((await pro.json()).error).toMatch(/not included in the Free plan/);
    expect(providers.openai.requests.length).toBe(before);
    expect(creditBalance(ada.workspaceId)).toBe(500);
  });

  it("lets a Pro workspace use any model of the catalog", async () => {
    const ada = await person("Ada");
    db().update(workspacePlans).set({ plan: "pro" }).where(eq(workspacePlans.workspaceId, ada.workspaceId)).run();
    providers.openai.script({ tokens: ["Hallo."] });
    const res = await translate(ada, { text: "Hello.", targetLanguage: "de", modelId: "gpt-4o" });
    expect(await res.json()).toEqual({ translation: "Hallo.", modelId: "gpt-4o" });
  });

  it("answers 402 when the workspace cannot pay the hold, 401 anonymous, 404 for a workspace that is not the caller's", async () => {
    const ada = await person("Ada");
    const bob = await person("Bob");
    setAvailable(ada.workspaceId, 0);
    const broke = await translate(ada, { text: "Hello.", targetLanguage: "fr" });
    expect(broke.status).toBe(402);
    expect((await broke.json()).error).toMatch(/^Not enough credits/);
    const anonymous = await callRoute(translateRoute, `/api/workspaces/${ada.workspaceId}/translate`, {
      body: { text: "Hello.", targetLanguage: "fr" },
      params: { workspaceId: ada.workspaceId },
    });
    expect(anonymous.status).toBe(401);
    expect((await translate(ada, { text: "Hello.", targetLanguage: "fr" }, bob.workspaceId)).status).toBe(404);
    expect((await translate(ada, { text: "Hello.", targetLanguage: "fr" }, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect(creditBalance(bob.workspaceId)).toBe(500);
  });

  it("answers 502 and charges nothing when the provider refuses up front", async () => {
    const ada = await person("Ada");
    providers.openai.script({ status: 503 });
    const res = await translate(ada, { text: "Hello.", targetLanguage: "es" });
    expect(res.status).toBe(502);
    expect((await res.json()).error).toMatch(/The model provider \(OpenAI\) failed \(503\)/);
    expect(creditBalance(ada.workspaceId)).toBe(500);
    expect(availableCredits(ada.workspaceId)).toBe(500);
    expect(preferredTargetLanguage(ada.userId)).toBeNull();
  });

  it("stays within a person's monthly limit, as chat does, and so does transcription", async () => {
    const ada = await person("Ada");
    const capped = await ada.client.call(memberRoute, "/api/x", {
      method: "PUT",
      body: { monthlyCreditLimit: 0 },
      params: { workspaceId: ada.workspaceId, userId: ada.userId },
    });
    expect(capped.status).toBe(200);
    const translation = await translate(ada, { text: "Hello.", targetLanguage: "fr" });
    expect(translation.status).toBe(402);
    expect((await translation.json()).error).toMatch(/monthly limit/);
    const form = new FormData();
    form.append("file", new Blob([audioFixture("tone.webm")]), "question.webm");
    const transcription = await ada.client.call(transcribeRoute, "/api/transcribe-audio", { body: form });
    expect(transcription.status).toBe(402);
    expect((await transcription.json()).error).toMatch(/monthly limit/);
    expect(creditBalance(ada.workspaceId)).toBe(500);
  });
});
