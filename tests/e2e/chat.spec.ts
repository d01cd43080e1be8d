import { expect, test } from "@playwright/test";
import { scriptNextAnswer, signUpAndLogIn } from "./support";

test("ask and watch the answer stream, stop one, regenerate, edit the question, share publicly", async ({ page, browser }) => {
  await signUpAndLogIn(page, "Lin");
  const balance = page.getByTestId("credit-balance");
  await expect(balance).toHaveText("500 credits");

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Chats" }).click();
  await expect(page.getByRole("heading", { name: "New chat" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("offline stand-in");

  // Ask: the answer arrives word by word (seen part-way), then completes.
  const words = Array.from({ length: 150 }, (_, i) => ` word${i + 1}`);
  await scriptNextAnswer({ tokens: ["Counting:", ...words], tokenDelayMs: 60 });
  const question = page.getByLabel("Your question");
  await question.fill("Count to 150 for me");
  await question.press("Enter");
  const answers = page.getByTestId("answer");
  await expect(answers.first()).toContainText("word3");
  await expect(answers.first()).not.toContainText("word150");
  await expect(answers.first()).toHaveAttribute("data-status", "streaming");
  await expect(answers.first()).toContainText("word150");
  await expect(answers.first()).toHaveAttribute("data-status", "complete");
  // The new chat got its address and its title from the question; credits were spent.
  await expect(page).toHaveURL(/\/chats\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Count to 150 for me" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Chats" }).getByRole("link", { name: "Count to 150 for me" })).toBeVisible();
  await expect(balance).not.toHaveText("500 credits");

  // Shift+Enter adds a line instead of sending.
  await question.fill("A slow one");
  await question.press("Shift+Enter");
  await question.pressSequentially("please");
  await expect(question).toHaveValue("A slow one\nplease");

  // Stop a slow answer part-way: what arrived stays, marked stopped, also after a reload.
  await scriptNextAnswer({ tokens: Array.from({ length: 200 }, (_, i) => ` slow${i + 1}`), tokenDelayMs: 100 });
  await page.getByRole("button", { name: "Send" }).click();
  await expect(answers.nth(1)).toContainText("slow2");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(answers.nth(1)).toHaveAttribute("data-status", "stopped");
  await expect(answers.nth(1)).toContainText("Stopped");
  await page.reload();
  await expect(answers.nth(1)).toHaveAttribute("data-status", "stopped");
  await expect(answers.nth(1)).toContainText("slow2");
  await expect(answers.nth(1)).not.toContainText("slow200");

  // Regenerate replaces the stopped answer with a complete one.
  await scriptNextAnswer({ tokens: ["A", " fresh", " answer."] });
  await page.getByRole("button", { name: "Regenerate" }).click();
  await expect(answers.nth(1)).toContainText("A fresh answer.");
  await expect(answers.nth(1)).toHaveAttribute("data-status", "complete");
  await expect(answers).toHaveCount(2);

  // Edit the last question and ask again: the default offline answer quotes it, with highlighted code.
  await page.getByRole("button", { name: "Edit question" }).click();
  await page.getByLabel("Edit your question").fill("What does Cairn do?");
  await page.getByRole("button", { name: "Save and ask again" }).click();
  await expect(page.getByTestId("question").nth(1)).toHaveText("What does Cairn do?");
  await expect(answers.nth(1)).toContainText("What does Cairn do?");
  await expect(answers.nth(1)).toHaveAttribute("data-status", "complete");
  await expect(answers.nth(1).locator("pre code.hljs")).toBeVisible();
  await expect(answers.nth(1).getByRole("button", { name: "Copy code" })).toBeVisible();
  await expect(answers).toHaveCount(2);

  // Share publicly and read it in a logged-out browser.
  await page.getByText("Share", { exact: true }).click();
  await page.getByRole("button", { name: "Make public" }).click();
  const link = page.getByTestId("public-link");
  await expect(link).toBeVisible();
  const publicUrl = (await link.getAttribute("href"))!;
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(publicUrl);
  await expect(strangerPage.getByRole("heading", { name: "Count to 150 for me" })).toBeVisible();
  await expect(strangerPage.getByText("word150")).toBeVisible();
  await expect(strangerPage.getByLabel("Your question")).toHaveCount(0);

  // Private again: the link is a 404 at once.
  await page.getByRole("button", { name: "Stop sharing publicly" }).click();
  await expect(link).toHaveCount(0);
  const gone = await strangerPage.goto(publicUrl);
  expect(gone?.status()).toBe(404);
  await expect(strangerPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await stranger.close();
});

test("a chat on a phone-sized screen: list, conversation, back to the list", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 780 });
  await signUpAndLogIn(page, "Noor");
  await page.getByRole("link", { name: "Chats" }).click();
  const question = page.getByLabel("Your question");
  await question.fill("Hello from a phone");
  await question.press("Enter");
  await expect(page.getByTestId("answer")).toHaveAttribute("data-status", "complete");
  // The conversation has the screen; the list is one tap away.
  await expect(page.getByRole("complementary", { name: "Chats" })).toBeHidden();
  await page.getByRole("link", { name: "← All chats" }).click();
  await expect(page.getByRole("complementary", { name: "Chats" }).getByRole("link", { name: "Hello from a phone" })).toBeVisible();
  // Nothing is wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("find a chat by what was said in it, rename it, delete it", async ({ page }) => {
  await signUpAndLogIn(page, "Sam");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Chats" }).click();
  const question = page.getByLabel("Your question");
  for (const text of ["Tell me about marmots", "Plan a hut-to-hut walk"]) {
    await page.getByRole("complementary", { name: "Chats" }).getByRole("link", { name: "New chat" }).click();
    await question.fill(text);
    await question.press("Enter");
    await expect(page.getByTestId("answer").first()).toHaveAttribute("data-status", "complete");
  }
  const list = page.getByRole("complementary", { name: "Chats" });
  await expect(list.getByRole("link")).toHaveCount(3); // "New chat" and the two chats

  // Search reads titles and messages.
  await list.getByLabel("Search chats").fill("marmots");
  await expect(list.getByRole("link", { name: "Tell me about marmots" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Plan a hut-to-hut walk" })).toHaveCount(0);
  await list.getByRole("link", { name: "Tell me about marmots" }).click();
  // Wait for the chat to open: a Rename clicked on the page before it would be undone when it arrives.
  await expect(page.getByRole("heading", { name: "Tell me about marmots" })).toBeVisible();

  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Chat title").fill("Marmot facts");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Marmot facts" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Marmot facts" })).toBeVisible();

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/chats$/);
  await expect(page.getByText("Deleted “Marmot facts”.")).toBeVisible();
  await list.getByLabel("Search chats").fill("");
  await expect(list.getByRole("link", { name: "Plan a hut-to-hut walk" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Marmot facts" })).toHaveCount(0);
});
