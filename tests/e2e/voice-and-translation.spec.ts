import { expect, test, type Page } from "@playwright/test";
import { scriptNextAnswer, signUpAndLogIn } from "./support";

// Chromium's fake microphone (a beeping tone), granted without a prompt.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
  },
});

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("speak a question into the chat, edit and send it, translate the answer; a denied or missing recorder says so", async ({
  page,
  browser,
}) => {
  await signUpAndLogIn(page, "Vera");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Chats" }).click();
  await expect(page.getByRole("heading", { name: "New chat" })).toBeVisible();

  // Record: the timer runs, Stop sends the recording, its text lands in the composer.
  await scriptNextAnswer({ tokens: ["What does Cairn do with my documents?"] });
  await page.getByRole("button", { name: "Record a question" }).click();
  await expect(page.getByRole("timer", { name: "Recording time" })).toHaveText("0:02");
  await page.getByRole("button", { name: "Stop recording and transcribe" }).click();
  const question = page.getByLabel("Your question");
  await expect(question).toHaveValue("What does Cairn do with my documents?");
  await expect(question).toBeFocused();

  // Edit it and send it like a typed question.
  await question.press("End");
  await question.pressSequentially(" Briefly.");
  await question.press("Enter");
  const answer = page.getByTestId("answer").first();
  await expect(answer).toHaveAttribute("data-status", "complete");
  await expect(answer).toContainText("What does Cairn do with my documents? Briefly.");
  await expect(page.getByTestId("question").first()).toContainText("What does Cairn do with my documents? Briefly.");

  // Translate the answer: the translation shows under the original, which stays.
  await scriptNextAnswer({ tokens: ["Cairn", " répond", " à", " partir", " de", " vos", " documents."] });
  await page.getByRole("button", { name: "Translate answer" }).click();
  await page.getByLabel("Translate into").selectOption("fr");
  await page.getByRole("button", { name: "Translate", exact: true }).click();
  const translation = page.getByRole("region", { name: "Translation into French" });
  await expect(translation).toContainText("Cairn répond à partir de vos documents.");
  await expect(translation).toContainText("Translated into French by GPT-4o mini");
  await expect(answer).toContainText("What does Cairn do with my documents? Briefly.");

  // The language is remembered for this person: after a reload the picker starts at French.
  await page.reload();
  await page.getByRole("button", { name: "Translate answer" }).click();
  await expect(page.getByLabel("Translate into")).toHaveValue("fr");

  // At phone width the composer with its microphone fits without sideways scrolling.
  await page.setViewportSize({ width: 390, height: 800 });
  await expect(page.getByRole("button", { name: "Record a question" })).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(true);
  await page.getByRole("button", { name: "Record a question" }).click();
  await expect(page.getByRole("timer", { name: "Recording time" })).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(true);
  await page.getByRole("button", { name: "Cancel recording" }).click();
  await expect(page.getByRole("button", { name: "Record a question" })).toBeVisible();

  // A denied microphone and a browser without a recorder get a plain message (same account, fresh browsers).
  const chats = page.url().replace(/\/w\/([^/]+).*$/, "/w/$1/chats");
  const storageState = await page.context().storageState();
  for (const [setup, message] of [
    [
      () => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
      },
      /Microphone access was denied/,
    ],
    [
      () => {
        delete (window as { MediaRecorder?: unknown }).MediaRecorder;
      },
      /This browser cannot record audio here/,
    ],
  ] as const) {
    const context = await browser.newContext({ storageState });
    const other = await context.newPage();
    await other.addInitScript(setup);
    await other.goto(chats);
    await other.getByRole("button", { name: "Record a question" }).click();
    await expect(other.getByRole("alert")).toHaveText(message);
    await context.close();
  }
});
