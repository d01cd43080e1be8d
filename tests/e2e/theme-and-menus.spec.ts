import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInThroughApi, uniqueEmail } from "./support";

/** The page's background as a person sees it: dark or light (drawn on a canvas, whatever colour space CSS used). */
async function backgroundIsDark(page: Page) {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d")!;
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255 < 0.5;
  });
}

// One account for the whole file: sign-ups are limited per client address, and every e2e test comes from one.
const person = uniqueEmail("iris");

test("the theme follows the system until a person chooses one, and the server renders the choice", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  expect(await backgroundIsDark(page)).toBe(true);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await backgroundIsDark(page)).toBe(false);

  // Signed out, the home page's switch works too.
  await page.getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect(await backgroundIsDark(page)).toBe(true);

  await signInThroughApi(page, person, "Iris", { mayExist: true });
  await page.goto("/account");
  // Chosen dark on a light system: rendered dark by the server, before any script runs.
  const html = await (await page.request.get("/account")).text();
  expect(html).toMatch(/<html[^>]*class="[^"]*\bdark\b/);
  expect(await backgroundIsDark(page)).toBe(true);

  // The account menu's switch: light on a dark system, remembered across a reload.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByRole("button", { name: "Account menu" }).click();
  const menuSwitch = page.getByRole("group", { name: "Theme" }).first();
  await menuSwitch.getByRole("button", { name: "Light" }).click();
  await expect(menuSwitch.getByRole("button", { name: "Light" })).toHaveAttribute("aria-pressed", "true");
  expect(await backgroundIsDark(page)).toBe(false);
  await page.reload();
  expect(await backgroundIsDark(page)).toBe(false);

  // Back to the system's setting.
  await page.getByRole("button", { name: "System" }).first().click();
  await expect(page.locator("html")).not.toHaveClass(/\b(dark|light)\b/);
  expect(await backgroundIsDark(page)).toBe(true);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await backgroundIsDark(page)).toBe(false);
});

async function expectClosesOnEscapeAndOutsideClick(page: Page, trigger: Locator, item: Locator) {
  await trigger.click();
  await expect(trigger).toHaveAttribute("aria-expanded", "true");
  await expect(item).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(item).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(trigger).toHaveAttribute("aria-expanded", "false");

  // Opened from the keyboard, Tab reaches its items; Escape from an item still comes back to the button.
  await page.keyboard.press("Enter");
  await expect(item).toBeVisible();
  await item.focus();
  await page.keyboard.press("Escape");
  await expect(item).toBeHidden();
  await expect(trigger).toBeFocused();

  await trigger.click();
  await expect(item).toBeVisible();
  // A click on the page below, away from the menu.
  await page.mouse.click(page.viewportSize()!.width - 10, 700);
  await expect(item).toBeHidden();
}

for (const width of [1280, 390]) {
  test(`the workspace switcher and the account menu close on Escape and outside clicks (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await signInThroughApi(page, person, "Iris", { mayExist: true });
    await page.goto("/app");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const switcher = page.getByTestId("workspace-switcher");
    await expectClosesOnEscapeAndOutsideClick(
      page,
      switcher.getByRole("button", { name: /Current workspace/ }),
      page.getByRole("link", { name: "Manage workspaces…" }),
    );
    await expectClosesOnEscapeAndOutsideClick(
      page,
      page.getByRole("button", { name: "Account menu" }),
      page.getByRole("link", { name: "Account settings" }),
    );

    // Following a link closes the menu it came from.
    await switcher.getByRole("button").click();
    await page.getByRole("link", { name: "Manage workspaces…" }).click();
    await expect(page.getByRole("heading", { name: "Your workspaces" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Manage workspaces…" })).toBeHidden();

    // A toast (after creating a workspace) leaves the header and its navigation uncovered.
    await page.getByLabel("Workspace name").fill("Toast test");
    await page.getByRole("button", { name: "Create workspace" }).click();
    const toast = page.getByText("Workspace “Toast test” created.");
    await expect(toast).toBeVisible();
    const header = (await page.locator("header").first().boundingBox())!;
    // Where it comes to rest (toasts slide in from above).
    await expect.poll(async () => (await toast.boundingBox())!.y).toBeGreaterThanOrEqual(header.y + header.height);
    for (const link of await page.getByRole("navigation", { name: "Workspace" }).getByRole("link").all()) {
      // On a phone the section links scroll sideways inside their own row.
      await link.scrollIntoViewIfNeeded();
      const box = (await link.boundingBox())!;
      const hit = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.closest("a")?.textContent,
        [box.x + box.width / 2, box.y + box.height / 2],
      );
      expect(hit).toBe(await link.textContent());
    }
  });
}
