import { expect, test } from "@playwright/test";
import { linkFromMail, signUpAndLogIn, uniqueEmail } from "./support";

// Two people in two browsers end up working in one workspace through an
// emailed invitation, with a team, a chat shared with it, and a spend limit.
test("invite by mail, sign up from the link, see the team's chat, hit the monthly limit", async ({ page, browser }) => {
  const owner = page;
  await signUpAndLogIn(owner, "Olga");

  // A workspace for the team, funded from the personal workspace's free credits.
  await owner.getByTestId("workspace-switcher").getByRole("button").click();
  await owner.getByRole("link", { name: "Manage workspaces…" }).click();
  await owner.getByLabel("Workspace name").fill("Acme");
  await owner.getByRole("button", { name: "Create workspace" }).click();
  await expect(owner.getByRole("heading", { name: "Acme" })).toBeVisible();
  await expect(owner.getByTestId("credit-balance")).toHaveText("0 credits");
  const nav = owner.getByRole("navigation", { name: "Workspace" });
  await nav.getByRole("link", { name: "Settings" }).click();
  await owner.getByLabel("Credits to move here").fill("300");
  await owner.getByRole("button", { name: "Move credits" }).click();
  await expect(owner.getByText("Moved 300 credits here from your personal workspace.")).toBeVisible();
  await expect(owner.getByTestId("credit-balance")).toHaveText("300 credits");

  // Invite a new person by email from the Members page.
  const inviteeEmail = uniqueEmail("nia");
  await nav.getByRole("link", { name: "Members" }).click();
  await owner.getByLabel("Email").fill(inviteeEmail);
  await owner.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.getByText(`Invitation sent to ${inviteeEmail}.`)).toBeVisible();
  await expect(owner.getByRole("heading", { name: "Pending invitations" })).toBeVisible();
  await expect(owner.getByText(inviteeEmail, { exact: true })).toBeVisible();

  // In another browser, the invitee opens the mail's link and signs up with the address filled in.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(await linkFromMail(inviteeEmail, /invited you to Acme/));
  await expect(invitee.getByRole("heading", { name: "Join Acme" })).toBeVisible();
  await expect(invitee.getByText(`Olga invited ${inviteeEmail} to Acme as a member.`)).toBeVisible();
  await expect(invitee.getByLabel("Email")).toHaveValue(inviteeEmail);
  await invitee.getByLabel("Name").fill("Nia");
  await invitee.getByLabel("Password").fill("a long enough password");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  // No activation mail: straight into the workspace.
  await expect(invitee.getByRole("heading", { name: "Acme" })).toBeVisible();
  await expect(invitee.getByText("You are member here")).toBeVisible();

  // The owner makes a team and invites Nia to it.
  await owner.reload();
  await expect(owner.getByTestId("member-row").filter({ hasText: inviteeEmail })).toBeVisible();
  await nav.getByRole("link", { name: "Teams" }).click();
  await owner.getByLabel("Team name").fill("Research");
  await owner.getByRole("button", { name: "Create team" }).click();
  await expect(owner.getByRole("heading", { name: "Research" })).toBeVisible();
  await owner.getByLabel("Email").fill(inviteeEmail);
  await owner.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.getByText(`Invitation sent to ${inviteeEmail}.`)).toBeVisible();

  await invitee.goto(await linkFromMail(inviteeEmail, /invited you to Research/));
  await expect(invitee.getByText(/to the team Research in Acme/)).toBeVisible();
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee.getByText("You joined Acme.")).toBeVisible();

  // The owner starts a chat and shares it with the team.
  await nav.getByRole("link", { name: "Chats" }).click();
  await owner.getByLabel("Your question").fill("Plan for the launch");
  await owner.getByLabel("Your question").press("Enter");
  await expect(owner.getByTestId("answer").first()).toHaveAttribute("data-status", "complete");
  await owner.getByRole("button", { name: "Share" }).click();
  const share = owner.getByRole("dialog", { name: "Share chat" });
  await share.getByLabel("Team", { exact: true }).selectOption({ label: "Research" });
  await share.getByRole("button", { name: "Share", exact: true }).last().click();
  await expect(owner.getByText("Shared with the team “Research”.")).toBeVisible();
  await owner.keyboard.press("Escape");

  // Nia sees it among her chats.
  await invitee.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Chats" }).click();
  const sharedChat = invitee.getByRole("complementary", { name: "Chats" }).getByRole("link", { name: "Plan for the launch" });
  await expect(sharedChat).toBeVisible();
  await sharedChat.click();
  await expect(invitee.getByRole("heading", { name: "Plan for the launch" })).toBeVisible();
  await expect(invitee.getByText("Shared with team Research")).toBeVisible();

  // The owner sets Nia's monthly limit to 0; her next question is refused with the limit message.
  await nav.getByRole("link", { name: "Members" }).click();
  await owner.getByLabel("Monthly limit of Nia").fill("0");
  await owner.getByRole("button", { name: "Save Nia" }).click();
  await expect(owner.getByText("Saved Nia.")).toBeVisible();
  await expect(owner.getByTestId("member-row").filter({ hasText: "Nia" })).toContainText("of 0 credits this month");

  await invitee.getByLabel("Your question").fill("One more thing");
  await invitee.getByLabel("Your question").press("Enter");
  await expect(invitee.getByText("You have reached your monthly limit in Acme — ask an owner")).toBeVisible();
  await inviteeContext.close();
});
