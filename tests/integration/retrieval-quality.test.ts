// Retrieval correctness on a small labelled set, with the real offline
// sentence encoder (USE Lite) that Cairn uses when no embedding key is set:
// each question is answered by one document, in words that mostly differ
// from the document's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopLocalEmbeddings } from "~/modules/documents/embeddings.server";
import { runNextJob } from "~/modules/jobs/jobs.server";
import { registerIngestion } from "~/modules/rag/ingest.server";
import { retrieveChunks } from "~/modules/rag/retrieve.server";
import * as uploadRoute from "~/routes/api/upload";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson } from "../support/accounts";

const CORPUS: Record<string, string> = {
  avalanche:
    "Avalanche danger rises after heavy snowfall and strong wind; wait a day or two for the snowpack to settle before crossing steep slopes.",
  water: "Boil or filter water from streams before drinking it, because animals upstream can carry parasites such as giardia.",
  blisters: "Tape hot spots on your heels early and wear wool socks, so that friction does not turn into painful skin damage.",
  lightning: "When a thunderstorm approaches, leave ridges and summits quickly and crouch low away from isolated trees.",
  altitude: "Climb slowly above three thousand metres; headache, nausea and dizziness are early signs of acute mountain sickness.",
  navigation: "Take a bearing with the compass, then follow it by walking towards landmarks that lie on the line.",
  food: "Pack calorie-dense snacks like nuts, cheese and chocolate, and eat a little every hour to keep energy up.",
  camping: "Pitch the tent on flat, durable ground at least sixty metres away from lakes and streams.",
};

const QUESTIONS: [question: string, answer: keyof typeof CORPUS][] = [
  ["Is it safe to cross a steep slope right after a big storm dumped fresh powder?", "avalanche"],
  ["Can I drink straight from a mountain creek?", "water"],
  ["How do I keep my feet from getting sore and raw on a long hike?", "blisters"],
  ["What should I do if thunder starts while I am on the summit?", "lightning"],
  ["Why do I feel sick and get a headache high up?", "altitude"],
  ["How do I find my way with a map and a needle that points north?", "navigation"],
  ["What are good things to eat on the trail?", "food"],
  ["Where should I put up my shelter for the night?", "camping"],
];

let mailbox: Mailbox;
let workspaceId: string;
const documentOf = new Map<string, string>();

beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  process.env.EMBEDDING_MODEL = "local";
  registerIngestion();
  const person = await signedInPerson(mailbox);
  const { client } = person;
  workspaceId = person.workspaceId;
  for (const [name, text] of Object.entries(CORPUS)) {
    const form = new FormData();
    form.append("file", new Blob([text], { type: "text/plain" }), `${name}.txt`);
    const { documentId } = await (await client.call(uploadRoute, "/api/upload", { body: form })).json();
    documentOf.set(documentId, name);
  }
  while (await runNextJob());
});

afterAll(async () => {
  await stopLocalEmbeddings();
  await mailbox.close();
});

describe("hybrid retrieval on a labelled set", () => {
  it("ranks the document that answers each question first for nearly every question, and in the top three for all", async () => {
    let first = 0;
    const misses: string[] = [];
    for (const [question, answer] of QUESTIONS) {
      const hits = await retrieveChunks(workspaceId, question, { limit: 3, documentIds: [...documentOf.keys()] });
      const names = hits.map((h) => documentOf.get(h.documentId));
      if (names[0] === answer) first++;
      else misses.push(`${question} → ${names.join(", ")}`);
      expect(names, question).toContain(answer);
    }
    expect(first, misses.join("\n")).toBeGreaterThanOrEqual(QUESTIONS.length - 1);
  });

  it("still finds an exact term by its words (BM25) when meaning alone would not", async () => {
    const hits = await retrieveChunks(workspaceId, "giardia", { limit: 1, documentIds: [...documentOf.keys()] });
    expect(documentOf.get(hits[0]!.documentId)).toBe("water");
  });
});
