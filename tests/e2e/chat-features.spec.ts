// The chat screen's features of issue 13, as a person uses them.
import type { Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { expect, logInWithApi, registerWithApi, test } from "./chat-fixtures";
import { scriptNextAnswer } from "./support";

/** Asks and waits for the answer to this question (not an earlier one) to be complete. */
const ask = async (page: Page, text: string) => {
  const question = page.getByLabel("Your question");
  await question.fill(text);
  await question.press("Enter");
  await expect(page.getByTestId("question").last()).toHaveText(text);
  await expect(page.getByTestId("answer").last()).toHaveAttribute("data-status", "complete");
};

test("versions of an answer and branches from an edited question", async ({ page, workerAccount }) => {
  await logInWithApi(page, workerAccount);
  const answers = page.getByTestId("answer");
  const questions = page.getByTestId("question");

  await scriptNextAnswer({ tokens: ["Red."] });
  await ask(page, "Name a colour");
  await scriptNextAnswer({ tokens: ["Blue."] });
  await answers.first().getByRole("button", { name: "Regenerate" }).click();
  await expect(answers.first()).toContainText("Blue.");
  await expect(answers.first()).toHaveAttribute("data-status", "complete");
  await expect(answers.first().getByTestId("version")).toHaveText("2 / 2");

  // Back to the first version; it stays chosen after a reload.
  await answers.first().getByRole("button", { name: "Previous version" }).click();
  await expect(answers.first()).toContainText("Red.");
  await expect(answers.first().getByTestId("version")).toHaveText("1 / 2");
  await page.reload();
  await expect(answers.first()).toContainText("Red.");

  // The conversation goes on from the version shown.
  await scriptNextAnswer({ tokens: ["Green."] });
  await ask(page, "Another one?");
  await expect(questions).toHaveText(["Name a colour", "Another one?"]);

  // Editing the first question starts a new branch; the old one is kept.
  await scriptNextAnswer({ tokens: ["Apple."] });
  await page.getByRole("button", { name: "Edit question" }).first().click();
  await page.getByLabel("Edit your question").fill("Name a fruit");
  await page.getByRole("button", { name: "Save and ask again" }).click();
  await expect(answers.first()).toContainText("Apple.");
  await expect(answers.first()).toHaveAttribute("data-status", "complete");
  await expect(questions).toHaveText(["Name a fruit"]);
  const pager = page.getByRole("group", { name: "Versions" }).first();
  await expect(pager).toContainText("2 / 2");
  await pager.getByRole("button", { name: "Previous version" }).click();
  await expect(questions).toHaveText(["Name a colour", "Another one?"]);
  await expect(answers).toHaveText([/Red\./, /Green\./]);
});

test("attach a file from the composer: it is read into the workspace's documents and grounds that question", async ({
  page,
  workerAccount,
}) => {
  await logInWithApi(page, workerAccount);
  await page.getByLabel("Files to attach").setInputFiles({
    name: "ferry-times.md",
    mimeType: "text/markdown",
    buffer: Buffer.from("# Ferries\n\nThe ferry to Rum leaves Mallaig at 10:15 on Tuesdays."),
  });
  const chip = page.getByTestId("attachment");
  await expect(chip).toContainText("ferry-times.md");
  await expect(chip).toHaveAttribute("data-status", "ready");
  await ask(page, "When does the ferry to Rum leave?");
  const answer = page.getByTestId("answer");
  await expect(answer.getByRole("list", { name: "Sources" })).toContainText("ferry-times.md");
  await expect(answer.getByRole("list", { name: "Sources" })).toContainText("10:15");
  // The attachment was for that question only; the file stays in Documents.
  await expect(chip).toHaveCount(0);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Documents" }).click();
  await expect(page.getByTestId("document-row").filter({ hasText: "ferry-times" })).toBeVisible();
});

test("saved prompts: kept in a library, inserted with /", async ({ page, workerAccount }) => {
  await logInWithApi(page, workerAccount);
  await page.getByRole("button", { name: "Saved prompts" }).click();
  const library = page.getByRole("dialog", { name: "Saved prompts" });
  await library.getByLabel("Name").fill("standup");
  await library.getByLabel("Prompt").fill("Write my standup update: yesterday, today, blockers.");
  await library.getByRole("button", { name: "Save prompt" }).click();
  await expect(library.getByRole("list", { name: "Prompts" })).toContainText("/standup");
  await library.getByRole("button", { name: "New prompt" }).click();
  await library.getByLabel("Name").fill("translate");
  await library.getByLabel("Prompt").fill("Translate into French:");
  await library.getByRole("button", { name: "Save prompt" }).click();
  await expect(library.getByRole("list", { name: "Prompts" })).toContainText("/translate");
  await page.keyboard.press("Escape");
  await expect(library).toBeHidden();

  const question = page.getByLabel("Your question");
  await question.fill("/");
  const menu = page.getByRole("listbox", { name: "Saved prompts" });
  await expect(menu.getByRole("option")).toHaveCount(2);
  await question.pressSequentially("tra");
  await expect(menu.getByRole("option")).toHaveCount(1);
  await question.press("Enter");
  await expect(question).toHaveValue("Translate into French:");
  await expect(menu).toBeHidden();

  // Arrow keys choose among several (listed by name).
  await question.fill("/");
  await question.press("ArrowDown");
  await expect(menu.getByRole("option", { selected: true })).toContainText("/translate");
  await question.press("ArrowUp");
  await expect(menu.getByRole("option", { selected: true })).toContainText("/standup");
  await question.press("Enter");
  await expect(question).toHaveValue("Write my standup update: yesterday, today, blockers.");
});

test("keyboard: shortcuts sheet, new chat, focus the composer, Esc stops an answer; chat settings go with every question", async ({
  page,
  workerAccount,
}) => {
  await logInWithApi(page, workerAccount);
  await ask(page, "First question");
  await expect(page).toHaveURL(/\/chats\/[0-9a-f-]{36}$/);

  await page.keyboard.press("Control+/");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet).toContainText("New chat");
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();

  await page.getByRole("heading", { name: "First question" }).click();
  await page.keyboard.press("Shift+Escape");
  await expect(page.getByLabel("Your question")).toBeFocused();

  await scriptNextAnswer({ tokens: Array.from({ length: 200 }, (_, i) => ` word${i + 1}`), tokenDelayMs: 80 });
  await page.getByLabel("Your question").fill("A long one");
  await page.getByLabel("Your question").press("Enter");
  const answer = page.getByTestId("answer").last();
  await expect(answer).toContainText("word3");
  await page.keyboard.press("Escape");
  await expect(answer).toHaveAttribute("data-status", "stopped");

  await page.keyboard.press("Control+Shift+O");
  await expect(page).toHaveURL(/\/chats$/);
  await expect(page.getByRole("heading", { name: "New chat" })).toBeVisible();

  // Chat settings: instructions and temperature, kept by the chat and sent with every question.
  await page.getByRole("button", { name: "Chat settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Chat settings" });
  await dialog.getByLabel("Instructions for this chat").fill("Answer like a pirate.");
  await dialog.getByLabel("Use the model's default").uncheck();
  await dialog.getByLabel("Temperature").fill("0.3");
  await dialog.getByRole("button", { name: "Save settings" }).click();
  await ask(page, "Hello");
  const chatUrl = new URL(page.url()).pathname;
  const [, ws, chatId] = /\/w\/([^/]+)\/chats\/([^/]+)/.exec(chatUrl)!;
  const chat = await (await page.request.get(`/api/workspaces/${ws}/chats/${chatId}`)).json();
  expect(chat).toMatchObject({ systemPrompt: "Answer like a pirate.", temperature: 0.3 });
  await page.getByRole("button", { name: "Chat settings" }).click();
  await expect(dialog.getByLabel("Instructions for this chat")).toHaveValue("Answer like a pirate.");
  await dialog.getByLabel("Instructions for this chat").fill("Answer briefly.");
  await dialog.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Chat settings saved.")).toBeVisible();
  expect((await (await page.request.get(`/api/workspaces/${ws}/chats/${chatId}`)).json()).systemPrompt).toBe("Answer briefly.");
});

test("rate an answer with a note; admins read it", async ({ page, browser, workerAccount }) => {
  await logInWithApi(page, workerAccount);
  await scriptNextAnswer({ tokens: ["The", " Forth", " Bridge", " opened", " in", " 1820."] });
  await ask(page, "When did the Forth Bridge open?");
  const answer = page.getByTestId("answer");
  await answer.getByRole("button", { name: "Bad answer" }).click();
  await expect(answer.getByRole("button", { name: "Bad answer" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel(/What was wrong/).fill("It opened in 1890.");
  await page.getByRole("button", { name: "Send feedback" }).click();
  await expect(page.getByText("Thanks — your note was sent.")).toBeVisible();
  await page.reload();
  await expect(answer.getByRole("button", { name: "Bad answer" })).toHaveAttribute("aria-pressed", "true");

  // An operator (ADMIN_EMAILS in playwright.config.ts) reads it beside the question and answer.
  const opsContext = await browser.newContext();
  const opsPage = await opsContext.newPage();
  // admin.spec.ts may have made it already; sign-ups from one address are few, so only if needed.
  const ops = { email: "ops@e2e.test", password: "a long enough password" };
  const logInOps = () => opsPage.request.post("/api/auth/login", { data: ops, headers: { Origin: baseURL } });
  if ((await logInOps()).status() !== 200) {
    await registerWithApi(opsPage, ops.email, "Ops", ops.password);
    expect((await logInOps()).status()).toBe(200);
  }
  await opsPage.goto("/admin");
  await opsPage.getByRole("link", { name: "Answer feedback" }).click();
  const rating = opsPage.getByRole("list", { name: "Ratings" }).getByRole("listitem").filter({ hasText: "It opened in 1890." });
  await expect(rating).toContainText("Thumbs down");
  await expect(rating).toContainText("When did the Forth Bridge open?");
  await expect(rating).toContainText("GPT-4o mini");
  await opsContext.close();
});

test("the chat list: pinned first, renamed and deleted from its menu, titles without markdown, math rendered", async ({
  page,
  workerAccount,
}) => {
  await logInWithApi(page, workerAccount);
  const list = page.getByRole("complementary", { name: "Chats" });
  await scriptNextAnswer({ tokens: ["Euler: ", "$e^{i\\pi} + 1 = 0$", "\n\n", "$$\\int_0^1 x\\,dx = \\tfrac12$$"] });
  await ask(page, "**Show** me `Euler's` identity");
  // The title is the question as plain text; the answer's math is typeset.
  await expect(list.getByRole("link", { name: "Show me Euler's identity" })).toBeVisible();
  await expect(page.getByTestId("answer").locator(".katex")).toHaveCount(2);
  await expect(page.getByTestId("answer").locator(".katex-display")).toHaveCount(1);

  await list.getByRole("link", { name: "New chat" }).click();
  await ask(page, "Plan a picnic");
  // Most recent first, under "Today".
  const today = list.getByRole("region", { name: "Today" }).getByRole("link");
  await expect(today.first()).toHaveText("Plan a picnic");
  await expect(today.filter({ hasText: "Show me Euler's identity" })).toHaveCount(1);

  // Pin the older one: it moves to the top, under "Pinned".
  await list.getByRole("button", { name: "Options for Show me Euler's identity" }).click();
  await page.getByRole("menuitem", { name: "Pin" }).click();
  await expect(list.getByRole("region", { name: "Pinned" }).getByRole("link")).toHaveText(["Show me Euler's identity"]);

  // Rename and delete it from the list while another chat is open: that chat stays open.
  await list.getByRole("button", { name: "Options for Show me Euler's identity" }).click();
  await page.getByRole("menuitem", { name: "Rename" }).click();
  await list.getByLabel("Chat title").fill("Euler");
  await list.getByLabel("Chat title").press("Enter");
  await expect(list.getByRole("link", { name: "Euler", exact: true })).toBeVisible();
  await list.getByRole("button", { name: "Options for Euler" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete chat?" }).getByRole("button", { name: "Delete" }).click();
  await expect(list.getByRole("link", { name: "Euler", exact: true })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Plan a picnic" })).toBeVisible();
  await expect(list.getByRole("region", { name: "Pinned" })).toHaveCount(0);
});
