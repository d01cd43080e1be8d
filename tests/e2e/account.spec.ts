import { expect, test } from "@playwright/test";
import { linkFromMail, logIn, signInThroughApi, uniqueEmail } from "./support";

const PASSWORD = "a long enough password";

test("the account page: name, email by mail, sessions, password, and deleting the account", async ({ page, browser }) => {
  // The first account of an instance administers it and cannot be deleted: let the admin be first.
  const firstPage = await (await browser.newContext()).newPage();
  await signInThroughApi(firstPage, "ops@e2e.test", "Ops", { mayExist: true });
  const email = uniqueEmail("rosa");
  await signInThroughApi(page, email, "Rosa");
  await page.goto("/app");

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("link", { name: "Account settings" }).click();
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();

  // Name.
  const nameCard = page.getByRole("region", { name: "Name" });
  await nameCard.getByLabel("Your name").fill("Rosa Parks");
  await nameCard.getByRole("button", { name: "Save name" }).click();
  await expect(nameCard.getByText("Name saved.")).toBeVisible();
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByText("Rosa Parks")).toBeVisible();
  await page.keyboard.press("Escape");

  // Email: nothing changes until the new address confirms it.
  const newEmail = uniqueEmail("rosa-new");
  const emailCard = page.getByRole("region", { name: "Email" });
  await emailCard.getByLabel("New email").fill(newEmail);
  await emailCard.getByLabel("Current password").fill("not my password");
  await emailCard.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(emailCard.getByText("This is not your current password")).toBeVisible();
  await emailCard.getByLabel("Current password").fill(PASSWORD);
  await emailCard.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(emailCard.getByText(`We sent a confirmation link to ${newEmail}`)).toBeVisible();
  await expect(emailCard.getByLabel("New email")).toHaveValue("");
  await page.reload();
  await expect(emailCard.getByText(`Waiting for ${newEmail} to be confirmed.`)).toBeVisible();
  await expect(emailCard).toContainText(`You log in with ${email}`);
  await page.goto(await linkFromMail(newEmail, /confirm/i));
  await page.getByRole("button", { name: "Use this address" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Your email address is now ${newEmail}.`)).toBeVisible();
  await expect(emailCard).toContainText(`You log in with ${newEmail}`);

  // Sessions: signed in elsewhere too, then signed out of there from here.
  const elsewhere = await (await browser.newContext()).newPage();
  await logIn(elsewhere, newEmail, PASSWORD);
  await expect(elsewhere.getByRole("heading", { name: "New chat" })).toBeVisible();
  await page.reload();
  const sessions = page.getByRole("region", { name: "Sessions" });
  await expect(sessions).toContainText("You are also signed in on 1 other browser or device.");
  await sessions.getByRole("button", { name: "Sign out of other sessions" }).click();
  await expect(sessions.getByText("Signed out of 1 other session.")).toBeVisible();
  await expect(sessions).toContainText("You are signed in only here.");
  await elsewhere.goto("/app");
  await expect(elsewhere).toHaveURL(/\/login/);

  // Password: needs the current one, and signs out every other session.
  await logIn(elsewhere, newEmail, PASSWORD);
  await expect(elsewhere.getByRole("heading", { name: "New chat" })).toBeVisible();
  const passwordCard = page.getByRole("region", { name: "Password" });
  await passwordCard.getByLabel("Current password").fill(PASSWORD);
  await passwordCard.getByLabel("New password", { exact: true }).fill("a brand new password");
  await passwordCard.getByLabel("Repeat the new password").fill("a brand new password");
  await passwordCard.getByRole("button", { name: "Change password" }).click();
  await expect(passwordCard.getByText("Password changed. 1 other session was signed out.")).toBeVisible();
  await expect(passwordCard.getByLabel("Current password")).toHaveValue("");
  await elsewhere.goto("/app");
  await expect(elsewhere).toHaveURL(/\/login/);
  await logIn(elsewhere, newEmail, "a brand new password");
  await expect(elsewhere.getByRole("heading", { name: "New chat" })).toBeVisible();

  // Deleting: the page says what happens to each workspace, asks for the password, then asks again.
  const deletion = page.getByRole("region", { name: "Delete account" });
  await expect(deletion.getByTestId("workspace-fates")).toContainText("Rosa's workspace");
  await expect(deletion.getByTestId("workspace-fates")).toContainText("Deleted with its chats, documents and credits");
  await deletion.getByLabel("Your password").fill("a brand new password");
  // Enter in the password field asks first too (it must not confirm through the dialog's hidden button).
  await deletion.getByLabel("Your password").press("Enter");
  const confirm = page.getByRole("dialog", { name: "Delete your account?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await deletion.getByRole("button", { name: "Delete my account…" }).click();
  await confirm.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Your account is deleted.")).toBeVisible();
  await elsewhere.goto("/app");
  await expect(elsewhere).toHaveURL(/\/login/);
  await logIn(page, newEmail, "a brand new password");
  await expect(page.getByRole("alert")).toContainText("Email or password is incorrect");
});

test("after the session ends, logging in again returns to the page that was asked for", async ({ page, context }) => {
  const email = uniqueEmail("tove");
  await signInThroughApi(page, email, "Tove");
  await page.goto("/app");
  // Log-in lands on a new chat in the person's workspace.
  await expect(page.getByRole("heading", { name: "New chat" })).toBeVisible();
  const workspacePath = new URL(page.url()).pathname.replace(/\/chats$/, "");
  // Signed out in another tab: this tab still shows the app.
  const other = await context.newPage();
  await other.goto("/app");
  await other.getByRole("button", { name: "Account menu" }).click();
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/$/);

  // A link followed inside the app (a data request) leads to the log-in page, then to that page.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Documents" }).click();
  await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=${encodeURIComponent(`${workspacePath}/documents`)}$`));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Documents", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${workspacePath}/documents$`));

  // Going Back after signing out again leads the same way.
  await other.goto("/app");
  await other.getByRole("button", { name: "Account menu" }).click();
  await other.getByRole("button", { name: "Sign out" }).click();
  await page.goBack();
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  expect(decodeURIComponent(new URL(page.url()).searchParams.get("redirectTo")!)).not.toContain(".data");
});
