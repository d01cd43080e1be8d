import { expect, test } from "@playwright/test";
import { linkFromMail, logIn, uniqueEmail } from "./support";

const PASSWORD = "a long enough password";

test("sign up, activate by mail, log in, create, rename and switch workspaces, log out", async ({ page }) => {
  const email = uniqueEmail("ada");
  const switcher = page.getByTestId("workspace-switcher");
  const openSwitcher = () => switcher.getByRole("button").click();

  await page.goto("/");
  await page.getByRole("link", { name: "Sign up" }).first().click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Name").fill("Ada");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  // Not activated yet: log-in says so.
  await logIn(page, email, PASSWORD);
  await expect(page.getByRole("alert")).toContainText("not activated");

  const link = await linkFromMail(email, /activate/i);
  await page.goto(link);
  await page.getByRole("button", { name: "Activate my account" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("Your account is active")).toBeVisible();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  // Log-in lands in a new chat; the workspace's overview is one link away.
  await expect(page.getByRole("heading", { name: "New chat" })).toBeVisible();
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { name: "Ada's workspace" })).toBeVisible();
  await expect(page.getByText("Personal workspace")).toBeVisible();

  // Create a workspace.
  await openSwitcher();
  await page.getByRole("link", { name: "Manage workspaces…" }).click();
  await expect(page.getByRole("heading", { name: "New workspace" })).toBeVisible();
  await page.getByLabel("Workspace name").fill("Lab notes");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { name: "Lab notes" })).toBeVisible();
  await expect(page.getByText("Workspace “Lab notes” created.")).toBeVisible();

  // Rename it.
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Workspace settings" })).toBeVisible();
  await page.getByLabel("Workspace name").fill("Field notes");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Renamed to “Field notes”.")).toBeVisible();
  await expect(switcher).toContainText("Field notes");

  // Switch back to the personal workspace, and find it still current after a reload.
  await openSwitcher();
  await switcher.getByRole("link", { name: /Ada's workspace/ }).click();
  await expect(page.getByRole("heading", { name: "Ada's workspace" })).toBeVisible();
  await page.goto("/app");
  await expect(page.getByRole("heading", { name: "New chat" })).toBeVisible();
  await expect(switcher).toContainText("Ada's workspace");

  // Log out from the account menu.
  await page.getByLabel("Account menu").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto("/app");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fapp$/);
});

test("forgot password, reset by mail, log in with the new password", async ({ page }) => {
  const email = uniqueEmail("grace");
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.goto(await linkFromMail(email, /activate/i));
  await page.getByRole("button", { name: "Activate my account" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("reset link is on its way");

  await page.goto(await linkFromMail(email, /reset/i));
  await page.getByLabel("New password").fill("my new password 2");
  await page.getByLabel("Repeat it").fill("my new password 2");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();

  await logIn(page, email, PASSWORD);
  await expect(page.getByRole("alert")).toContainText("Email or password is incorrect");
  await logIn(page, email, "my new password 2");
  await expect(page.getByRole("heading", { name: "New chat" })).toBeVisible();
});

test("unknown pages render a real 404 page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
