// POST /api/transcribe-audio through the real openai SDK against the loopback
// stand-in's multipart transcription endpoint, paid through the real ledger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableCredits, creditBalance, listCreditTransactions, recordCredits } from "~/modules/billing/credits.server";
import * as transcribeRoute from "~/routes/api/transcribe-audio";
import * as workspacesRoute from "~/routes/api/workspaces";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { AUDIO_FIXTURES, audioFixture, makeWav } from "../support/audio";
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

const ACCEPTED = "MP3, MP4/M4A, WAV, WebM, Ogg or FLAC";
const person = (name?: string) => signedInPerson(mailbox, name);

function form(bytes: Uint8Array | null, fields: Record<string, string> = {}, filename = "upload.bin", type = "application/octet-stream") {
  const data = new FormData();
  if (bytes) data.append("file", new Blob([new Uint8Array(bytes)], { type }), filename);
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}
const transcribe = (p: Person, body: FormData | string, headers?: Record<string, string>) =>
  p.client.call(transcribeRoute, "/api/transcribe-audio", { body, headers });
const transcriptionRequests = () => providers.openai.requests.filter((r) => r.endpoint === "/audio/transcriptions");
const lastUsage = (workspaceId: string) => listCreditTransactions(workspaceId, { limit: 1, offset: 0, type: "usage" }).transactions[0];
/** Leaves exactly `credits` available in the workspace (an admin adjustment). */
const setAvailable = (workspaceId: string, credits: number) =>
  recordCredits(workspaceId, { type: "adjustment", amount: credits - availableCredits(workspaceId), description: "test balance" });

describe("POST /api/transcribe-audio", () => {
  it("transcribes every accepted container, recognised by its bytes whatever its name and type say", async () => {
    const ada = await person("Ada");
    for (const { file } of AUDIO_FIXTURES) {
      providers.openai.script({ tokens: [`Heard ${file}.`] });
      const res = await transcribe(ada, form(audioFixture(file)));
      expect(res.status, file).toBe(200);
      expect(await res.json()).toEqual({ text: `Heard ${file}.` });
      // Upstream, the file is named by what it is: the API reads the format from the extension.
      const sent = transcriptionRequests().at(-1)!;
      expect(sent).toMatchObject({ model: "gpt-4o-mini-transcribe", size: audioFixture(file).length });
      expect(sent.filename).toMatch(file.endsWith(".mp3") ? /\.mp3$/ : new RegExp(`\\.${file.split(".").at(-1)}$`));
    }
  });

  it("passes the language on as its ISO 639-1 code and answers 422 for an unknown one", async () => {
    const ada = await person("Ada");
    const res = await transcribe(ada, form(audioFixture("tone.ogg"), { language: "pt-BR" }));
    expect(res.status).toBe(200);
    expect(transcriptionRequests().at(-1)).toMatchObject({ language: "pt" });
    const bad = await transcribe(ada, form(audioFixture("tone.ogg"), { language: "klingonese" }));
    expect(bad.status).toBe(422);
    expect((await bad.json()).issues).toEqual([{ path: "language", message: expect.stringContaining("Unknown language code") }]);
  });

  it("refuses a renamed text file, an image, an empty file and one over 25 MB with 400 naming the accepted types", async () => {
    const ada = await person("Ada");
    const before = transcriptionRequests().length;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const cases: [string, Uint8Array, string, string][] = [
      ["text renamed to .mp3", new TextEncoder().encode("Meeting notes: buy milk.\n"), "notes.mp3", "audio/mpeg"],
      ["PNG image", png, "voice.webm", "audio/webm"],
      ["empty file", new Uint8Array(0), "empty.wav", "audio/wav"],
      ["26 MB", new Uint8Array(26 * 1024 * 1024), "long.wav", "audio/wav"],
    ];
    for (const [label, bytes, filename, type] of cases) {
      const res = await transcribe(ada, form(bytes, {}, filename, type));
      expect(res.status, label).toBe(400);
      expect((await res.json()).error, label).toContain(ACCEPTED);
    }
    expect(transcriptionRequests().length).toBe(before);
    expect(creditBalance(ada.workspaceId)).toBe(500);
  });

  it("answers 422 without a file field, 400 to a body that is not a form, 401 anonymous, 404 for another workspace", async () => {
    const ada = await person("Ada");
    const bob = await person("Bob");
    const noFile = await transcribe(ada, form(null, { language: "en" }));
    expect(noFile.status).toBe(422);
    expect((await noFile.json()).issues).toEqual([{ path: "file", message: expect.any(String) }]);
    // A "file" field sent as text is not a file.
    expect((await transcribe(ada, form(null, { file: "hello" }))).status).toBe(422);
    expect((await transcribe(ada, JSON.stringify({ file: "x" }), { "Content-Type": "application/json" })).status).toBe(400);
    const anonymous = await callRoute(transcribeRoute, "/api/transcribe-audio", { body: form(audioFixture("tone.wav")) });
    expect(anonymous.status).toBe(401);
    const elsewhere = await transcribe(ada, form(audioFixture("tone.wav"), { workspaceId: bob.workspaceId }));
    expect(elsewhere.status).toBe(404);
    expect((await transcribe(ada, form(audioFixture("tone.wav"), { workspaceId: "not-a-workspace" }))).status).toBe(422);
  });

  it("charges the provider's reported usage, in the workspace it names", async () => {
    const ada = await person("Ada");
    const created = await ada.client.call(workspacesRoute, "/api/workspaces", { body: { name: "Team" } });
    const team = (await created.json()).id as string;
    setAvailable(team, 100);
    // One minute: 1,000 audio tokens cost 3 credits and 200 output tokens 1 more (the length alone would say 3).
    const usage = { type: "tokens", input_tokens: 1000, input_token_details: { audio_tokens: 1000 }, output_tokens: 200 };
    providers.openai.script({ tokens: ["What is on the agenda today?"], usage });
    const res = await transcribe(ada, form(makeWav(60), { workspaceId: team }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ text: "What is on the agenda today?" });
    expect(lastUsage(team)).toMatchObject({
      amount: -4,
      modelId: "gpt-4o-mini-transcribe",
      inputTokens: 1000,
      outputTokens: 200,
      description: "Transcription of 1.0 min with gpt-4o-mini-transcribe",
    });
    expect(availableCredits(team)).toBe(96);
    // Usage past the hold (7 credits for a minute) is never charged: the balance was checked against the hold.
    providers.openai.script({ usage: { ...usage, input_tokens: 1_000_000, input_token_details: { audio_tokens: 1_000_000 } } });
    expect((await transcribe(ada, form(makeWav(60), { workspaceId: team }))).status).toBe(200);
    expect(lastUsage(team)).toMatchObject({ amount: -7 });
    // The personal workspace paid nothing.
    expect(creditBalance(ada.workspaceId)).toBe(500);
  });

  it("charges by the recording's length when the provider reports no usage, MediaRecorder's WebM included", async () => {
    const ada = await person("Ada");
    providers.openai.script({ tokens: ["A minute and a half."], usage: null });
    expect((await transcribe(ada, form(makeWav(90)))).status).toBe(200);
    expect(lastUsage(ada.workspaceId)).toMatchObject({ amount: -5, description: "Transcription of 1.5 min with gpt-4o-mini-transcribe" });

    providers.openai.script({ tokens: ["Short."], usage: { type: "duration", seconds: 3 } });
    expect((await transcribe(ada, form(audioFixture("media-recorder.webm")))).status).toBe(200);
    expect(lastUsage(ada.workspaceId)).toMatchObject({ amount: -1, description: "Transcription of 3 s with gpt-4o-mini-transcribe" });
    expect(creditBalance(ada.workspaceId)).toBe(494);
  });

  it("holds what the recording's length may cost: 402 only when even that cannot be paid, and nothing reaches the provider", async () => {
    const ada = await person("Ada");
    // A one-minute question holds 7 credits.
    setAvailable(ada.workspaceId, 6);
    const before = transcriptionRequests().length;
    const refused = await transcribe(ada, form(makeWav(60)));
    expect(refused.status).toBe(402);
    expect((await refused.json()).error).toMatch(/^Not enough credits: this request may cost up to 7 credits/);
    expect(transcriptionRequests().length).toBe(before);
    // A short one fits.
    providers.openai.script({ tokens: ["Yes."] });
    expect((await transcribe(ada, form(audioFixture("tone.webm")))).status).toBe(200);
    expect(availableCredits(ada.workspaceId)).toBe(5);
  });

  it("answers 502 and charges nothing when the provider fails", async () => {
    const ada = await person("Ada");
    providers.openai.script({ status: 500 });
    const res = await transcribe(ada, form(audioFixture("tone.flac")));
    expect(res.status).toBe(502);
    expect((await res.json()).error).toMatch(/The model provider \(OpenAI\) failed \(500\)/);
    expect(creditBalance(ada.workspaceId)).toBe(500);
    expect(availableCredits(ada.workspaceId)).toBe(500);
  });
});
