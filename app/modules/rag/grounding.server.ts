// Grounding an answer in documents: find the chunks for a question and give
// the model numbered sources to cite as [1], [2] … The sources are stored
// with the answer, so its citations can always be opened.
import type { MessageSource } from "#db/schema";
import { plainText } from "~/modules/documents/plain-text.server";
import { retrieveChunks, type RetrievalScope } from "./retrieve.server";

export type { MessageSource };

const SOURCES_PER_ANSWER = 6;
const EXCERPT_CHARS = 280;

/**
 * A follow-up ("and the second one?") means little alone: the search also
 * reads the question before it, so it finds what the conversation is about.
 */
export function standaloneQuery(question: string, earlierQuestions: string[]): string {
  const previous = earlierQuestions.at(-1);
  return previous ? `${previous}\n${question}` : question;
}

export function sourcesPrompt(sources: MessageSource[], texts: string[]): string {
  const listed = sources.map((s, i) => `[${s.n}] ${s.filename}${s.page ? `, page ${s.page}` : ""}\n${texts[i]}`).join("\n\n");
  return [
    "Answer the user's question from the numbered sources below. Cite each fact with its source number in square brackets, like [1] or [2][3].",
    "If the sources do not contain the answer, say so plainly, then answer from general knowledge only if that is clearly useful and say that you did.",
    "",
    "Sources:",
    "",
    listed,
  ].join("\n");
}

// Markup takes room: twice the excerpt is read, which is plenty once it is removed.
const excerptOf = (text: string) => {
  const plain = plainText(text.slice(0, 2 * EXCERPT_CHARS));
  return plain.length > EXCERPT_CHARS ? `${plain.slice(0, EXCERPT_CHARS).trimEnd()}…` : plain;
};

export async function groundQuestion(
  workspaceId: string,
  input: { question: string; earlierQuestions: string[]; scope: RetrievalScope; signal?: AbortSignal },
): Promise<{ sources: MessageSource[]; systemPrompt: string } | null> {
  const { scope } = input;
  if (!scope.documentIds?.length && !scope.knowledgeBaseIds?.length) return null;
  const chunks = await retrieveChunks(workspaceId, standaloneQuery(input.question, input.earlierQuestions), {
    ...scope,
    limit: SOURCES_PER_ANSWER,
    signal: input.signal,
  });
  const sources: MessageSource[] = chunks.map((c, i) => ({
    n: i + 1,
    chunkId: c.chunkId,
    documentId: c.documentId,
    filename: c.filename,
    page: c.page,
    // Shown as plain text (sources panel, stream, stored answer): converted once, here.
    excerpt: excerptOf(c.text),
    score: Math.round(c.score * 10_000) / 10_000,
  }));
  if (sources.length === 0)
    return {
      sources,
      systemPrompt: "The user chose documents to ground this answer, but nothing in them matches the question. Say so before answering.",
    };
  return {
    sources,
    systemPrompt: sourcesPrompt(
      sources,
      chunks.map((c) => c.text),
    ),
  };
}
