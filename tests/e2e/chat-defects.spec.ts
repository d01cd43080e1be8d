// The chat screen's defects of issue 13, each as a person meets it.
import type { Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { expect, logInWithApi, test } from "./chat-fixtures";
import { scriptNextAnswer } from "./support";

const workspaceOf = (page: Page) => /\/w\/([0-9a-f-]{36})/.exec(page.url())![1]!;

/** A chat with a long history, made through the API as a client could (the browser's session, same origin). */
async function longChat(page: Page, turns: number) {
  const history = Array.from({ length: turns * 2 }, (_, i) =>
    i % 2 === 0
      ? { role: "user", content: `Question ${i / 2 + 1}` }
      : { role: "assistant", content: Array.from({ length: 10 }, (_, l) => `Answer ${(i + 1) / 2}, paragraph ${l + 1}.`).join("\n\n") },
  );
  await scriptNextAnswer({ tokens: ["The", " last", " answer."] });
  const response = await page.request.post("/api/chat", {
    data: { messages: [...history, { role: "user", content: "The final question" }], workspaceId: workspaceOf(page) },
    headers: { Origin: baseURL },
  });
  expect(response.status()).toBe(200);
  await response.text();
  return response.headers()["x-chat-id"]!;
}

/** Whether the bottom of the last answer is inside the visible part of the conversation. (Text lands a frame
 * before the view follows it, so callers poll rather than look once.) */
const bottomInView = (page: Page) =>
  page.evaluate(() => {
    const scroller = document.querySelector("[data-testid=transcript-scroller]")!.getBoundingClientRect();
    const answers = document.querySelectorAll("[data-testid=answer]");
    const bottom = answers[answers.length - 1]!.getBoundingClientRect().bottom;
    return bottom <= scroller.bottom + 2 && bottom >= scroller.top;
  });

test("a long chat opens at its end; a streaming answer is followed until the reader scrolls up; Jump to latest brings it back", async ({
  page,
  workerAccount,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await logInWithApi(page, workerAccount);
  const chatId = await longChat(page, 12);
  await page.goto(`/w/${workspaceOf(page)}/chats/${chatId}`);
  const answers = page.getByTestId("answer");
  await expect(answers.last()).toContainText("The last answer.");
  await expect(answers.last()).toBeInViewport();
  await expect(page.getByTestId("question").first()).not.toBeInViewport();
  await expect(page.getByLabel("Your question")).toBeInViewport();

  // A new answer stays in view as it grows, instead of below the fold behind the composer.
  await scriptNextAnswer({ tokens: Array.from({ length: 140 }, (_, i) => `Line ${i + 1}.\n\n`), tokenDelayMs: 60 });
  const question = page.getByLabel("Your question");
  await question.fill("Stream a long one");
  await question.press("Enter");
  const streaming = answers.last();
  for (const line of ["Line 15.", "Line 30."]) {
    await expect(streaming).toContainText(line);
    await expect.poll(() => bottomInView(page)).toBe(true);
  }

  // The reader scrolls up: the view stays where they put it while the answer grows.
  const scroller = page.getByTestId("transcript-scroller");
  await scroller.hover();
  await page.mouse.wheel(0, -1200);
  const jump = page.getByRole("button", { name: "Jump to latest" });
  await expect(jump).toBeVisible();
  const top = await scroller.evaluate((e) => e.scrollTop);
  await expect(streaming).toContainText("Line 60.");
  expect(Math.abs((await scroller.evaluate((e) => e.scrollTop)) - top)).toBeLessThanOrEqual(2);
  expect(await bottomInView(page)).toBe(false);

  // Jump to latest: back at the end, and following again.
  await jump.click();
  await expect(jump).toBeHidden();
  await expect(streaming).toContainText("Line 100.");
  await expect.poll(() => bottomInView(page)).toBe(true);
  await expect(streaming).toHaveAttribute("data-status", "complete");
  await expect.poll(() => bottomInView(page)).toBe(true);
});

test("a provider error before any text: the bubble says nothing arrived, and Try again keeps the question once", async ({
  page,
  workerAccount,
}) => {
  await logInWithApi(page, workerAccount);
  const question = page.getByLabel("Your question");
  const answers = page.getByTestId("answer");

  // A 429 in a new chat.
  await scriptNextAnswer({ status: 429 });
  await question.fill("Is anyone there?");
  await question.press("Enter");
  await expect(answers.last()).toHaveAttribute("data-status", "refused");
  await expect(answers.last().getByRole("alert")).toContainText("rate-limiting");
  await expect(answers.last()).not.toContainText("part-way");
  await expect(question).toHaveValue("");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(answers.last()).toHaveAttribute("data-status", "complete");
  await expect(page).toHaveURL(/\/chats\/[0-9a-f-]{36}$/);

  // A 500 in an existing chat.
  await scriptNextAnswer({ status: 500 });
  await question.fill("And now?");
  await question.press("Enter");
  await expect(answers.last()).toHaveAttribute("data-status", "refused");
  await expect(answers.last().getByRole("alert")).toContainText("(500)");
  await expect(answers.last()).not.toContainText("part-way");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(answers.last()).toHaveAttribute("data-status", "complete");

  // Each question was stored once.
  await page.reload();
  await expect(page.getByTestId("question")).toHaveText(["Is anyone there?", "And now?"]);
  await expect(answers).toHaveCount(2);
});

test("the model picker on a phone: full width, searchable, with prices and locks", async ({ page, workerAccount }) => {
  await page.setViewportSize({ width: 390, height: 780 });
  await logInWithApi(page, workerAccount);
  const picker = page.getByRole("button", { name: /^Model: / });
  await expect(picker).toHaveAccessibleName("Model: GPT-4o mini");
  expect((await picker.boundingBox())!.width).toBeGreaterThanOrEqual(100);

  await picker.click();
  const sheet = page.getByRole("dialog", { name: "Choose a model" });
  await expect(sheet).toBeVisible();
  const box = (await sheet.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(380);
  expect(box.y + box.height).toBeLessThanOrEqual(780);
  const locked = sheet.getByRole("option").filter({ hasText: "Claude Sonnet 4.5" });
  await expect(locked).toHaveAttribute("aria-disabled", "true");
  await expect(locked).toContainText("Pro plan");
  await expect(sheet.getByRole("option").filter({ hasText: "GPT-4o mini" })).toContainText("0.15 in · 0.6 out credits per 1K tokens");

  await sheet.getByLabel("Search models").fill("haiku");
  await expect(sheet.getByRole("option")).toHaveCount(1);
  await sheet.getByRole("option").filter({ hasText: "Claude Haiku 4.5" }).click();
  await expect(sheet).toBeHidden();
  await expect(picker).toHaveAccessibleName("Model: Claude Haiku 4.5");
  expect((await picker.boundingBox())!.width).toBeGreaterThanOrEqual(100);

  const question = page.getByLabel("Your question");
  await question.fill("Which model are you?");
  await question.press("Enter");
  await expect(page.getByTestId("answer")).toHaveAttribute("data-status", "complete");
  await expect(page.getByTestId("answer-meta")).toContainText("Claude Haiku 4.5");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
});

test("the chat's menus close on Escape and on a click outside; Use documents closes after sending", async ({ page, workerAccount }) => {
  await logInWithApi(page, workerAccount);
  const ws = workspaceOf(page);
  const upload = await page.request.post(`/api/workspaces/${ws}/documents/upload`, {
    multipart: {
      file: { name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from("# Notes\n\nThe hut key is under the third stone.") },
    },
    headers: { Origin: baseURL },
  });
  expect(upload.status()).toBe(201);
  const { document } = await upload.json();
  await expect
    .poll(async () => (await (await page.request.get(`/api/workspaces/${ws}/documents/${document.id}/processing-status`)).json()).status)
    .toBe("ready");
  await page.reload();

  const documents = page.getByRole("button", { name: /^(Use documents|Grounded in)/ });
  const panel = page.getByRole("dialog", { name: "Answer from documents" });
  await documents.click();
  await expect(panel).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(documents).toBeFocused();
  await documents.click();
  await expect(panel).toBeVisible();
  await page.getByRole("heading", { name: "What can I help with?" }).click();
  await expect(panel).toBeHidden();

  // Chosen, then sent from the keyboard: the menu closes with the question.
  await documents.click();
  await panel.getByRole("checkbox", { name: "notes" }).check();
  const question = page.getByLabel("Your question");
  await question.focus();
  await question.fill("Where is the hut key?");
  await expect(panel).toBeVisible();
  await question.press("Enter");
  await expect(panel).toBeHidden();
  const answer = page.getByTestId("answer");
  await expect(answer).toHaveAttribute("data-status", "complete");
  await expect(answer.getByRole("list", { name: "Sources" })).toContainText("notes.md");

  // The knowledge menu, the chat's menu and the share dialog close the same ways.
  const knowledge = page.getByRole("button", { name: "Knowledge" });
  const knowledgePanel = page.getByRole("dialog", { name: "Knowledge bases of this chat" });
  await knowledge.click();
  await expect(knowledgePanel).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(knowledgePanel).toBeHidden();
  await knowledge.click();
  await expect(knowledgePanel).toBeVisible();
  await answer.click();
  await expect(knowledgePanel).toBeHidden();

  const options = page.getByRole("button", { name: "Chat options" });
  await options.click();
  await expect(page.getByRole("menu", { name: "Chat options" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu", { name: "Chat options" })).toBeHidden();

  await page.getByRole("button", { name: "Share" }).click();
  const share = page.getByRole("dialog", { name: "Share chat" });
  await expect(share).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(share).toBeHidden();
  await page.getByRole("button", { name: "Share" }).click();
  await expect(share).toBeVisible();
  await page.mouse.click(5, 400);
  await expect(share).toBeHidden();
  // None of those Escapes touched the answer.
  await expect(answer).toHaveAttribute("data-status", "complete");
});
