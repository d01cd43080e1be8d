import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { baseURL } from "../../playwright.config";
import { scriptNextAnswer, signUpAndLogIn } from "./support";

// The built server, end to end: a key made on the API keys page drives the
// official openai client against /v1 (a grounded, streamed answer paid from
// the workspace), and a browser tool on a listed origin can call the API with
// the key but never with the person's cookies.
test("make a key, stream a grounded answer with the openai client, call from a listed origin, revoke", async ({ page, context }) => {
  await signUpAndLogIn(page, "Kai");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: /API keys/ }).click();
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(page.getByText("No keys yet.")).toBeVisible();
  await expect(page.locator("pre")).toContainText(`baseURL: "${baseURL}/v1"`);

  await page.getByLabel("Name").fill("Report script");
  await page.getByLabel("Expires after").selectOption({ label: "30 days" });
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = await page.getByTestId("new-api-key").inputValue();
  expect(secret).toMatch(/^cairn_/);
  const row = page.getByTestId("api-key-list").getByRole("listitem").filter({ hasText: "Report script" });
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).toContainText("Last used");
  await expect(row).toContainText("Never");

  // A document to ground the answer in, uploaded with the key.
  const auth = { Authorization: `Bearer ${secret}` };
  const form = new FormData();
  form.append("file", new Blob(["# Ferries\n\nThe ferry to Skye leaves Mallaig at 09:40 every morning."]), "timetable.md");
  const uploaded = (await (await fetch(`${baseURL}/api/upload`, { method: "POST", headers: auth, body: form })).json()) as {
    documentId: string;
  };
  const { workspaces } = (await (await fetch(`${baseURL}/api/workspaces`, { headers: auth })).json()) as { workspaces: { id: string }[] };
  const statusUrl = `${baseURL}/api/workspaces/${workspaces[0]!.id}/documents/${uploaded.documentId}/processing-status`;
  await expect.poll(async () => ((await (await fetch(statusUrl, { headers: auth })).json()) as { status: string }).status).toBe("ready");

  const openai = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: secret, maxRetries: 0 });
  const models = (await openai.models.list()).data.map((m) => m.id);
  expect(models).toContain("gpt-4o-mini");

  await scriptNextAnswer({ tokens: ["It", " leaves", " at", " 09:40", " [1]."] });
  const stream = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "When does the ferry to Skye leave?" }],
    stream: true,
    stream_options: { include_usage: true },
    document_ids: [uploaded.documentId],
  } as OpenAI.ChatCompletionCreateParamsStreaming);
  const chunks: (OpenAI.ChatCompletionChunk & { sources?: { filename: string }[] })[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("It leaves at 09:40 [1].");
  expect(chunks[0]!.sources![0]!.filename).toBe("timetable.md");
  const usage = chunks.at(-1)!.usage!;
  expect(usage.completion_tokens).toBe(5);

  // Paid from the workspace: the balance in the header went down, the page shows the key was used.
  await page.reload();
  await expect(page.getByTestId("credit-balance")).not.toHaveText("500 credits");
  await expect(row).not.toContainText("Never");

  // A browser tool on a listed origin (CORS_ORIGINS) can call the API with the key, and not with cookies.
  // Cairn runs on loopback here: the browser asks the person before a web page may reach it, and they allow it.
  await context.grantPermissions(["local-network-access"], { origin: "https://tool.example" });
  const tool = await context.newPage();
  await tool.route("https://tool.example/", (route) => route.fulfill({ contentType: "text/html", body: "<title>Tool</title>" }));
  await tool.goto("https://tool.example/");
  const fromTool = (init: { headers?: Record<string, string>; credentials?: "include" }) =>
    tool.evaluate(
      async ([url, init]) => {
        try {
          const res = await fetch(url, init as RequestInit);
          return { status: res.status, body: await res.text() };
        } catch (error) {
          return { failed: String(error) };
        }
      },
      [`${baseURL}/v1/models`, init] as const,
    );
  const withKey = await fromTool({ headers: auth });
  expect(withKey).toMatchObject({ status: 200 });
  expect(JSON.parse((withKey as { body: string }).body).data.map((m: { id: string }) => m.id)).toContain("gpt-4o-mini");
  expect(await fromTool({ credentials: "include" })).toHaveProperty("failed");

  // Revoked on the page: the key stops working at once.
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "Revoke Report script" }).click();
  await expect(page.getByText("Revoked “Report script”")).toBeVisible();
  await expect(page.getByText("No keys yet.")).toBeVisible();
  const refused = await openai.models.list().catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
});
