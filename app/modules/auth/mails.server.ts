import { env } from "~/modules/config/env.server";
import { sendMail } from "~/modules/mail/mail.server";
import { logError } from "~/modules/log/logger.server";

// A mail that cannot be sent must not fail the request that caused it: the
// person can ask again (resend / reset), and the error is logged for the operator.
async function deliver(to: string, subject: string, text: string) {
  try {
    await sendMail({ to, subject, text });
  } catch (error) {
    logError(error, `could not send "${subject}" to ${to}`);
  }
}

export function sendActivationMail(to: string, token: string) {
  const link = `${env().APP_URL}/activate?token=${encodeURIComponent(token)}`;
  return deliver(
    to,
    "Activate your Cairn account",
    `Welcome to Cairn.\n\nActivate your account by opening this link (valid for 48 hours):\n${link}\n\nIf you did not sign up, ignore this mail.`,
  );
}

export function sendPasswordResetMail(to: string, token: string) {
  const link = `${env().APP_URL}/reset-password?token=${encodeURIComponent(token)}`;
  return deliver(
    to,
    "Reset your Cairn password",
    `Someone asked to reset the password of your Cairn account.\n\nChoose a new password here (valid for 1 hour):\n${link}\n\nIf it was not you, ignore this mail: your password stays as it is.`,
  );
}

export function sendEmailChangeMail(to: string, token: string) {
  const link = `${env().APP_URL}/confirm-email?token=${encodeURIComponent(token)}`;
  return deliver(
    to,
    "Confirm your new email address for Cairn",
    `Someone asked to use this address for their Cairn account.\n\nConfirm it by opening this link (valid for 24 hours):\n${link}\n\nUntil then the account keeps its old address. If it was not you, ignore this mail.`,
  );
}

/** Tells the old address that a change was asked for, so a stolen session cannot move the account quietly. */
export function sendEmailChangeNotice(to: string, newEmail: string) {
  return deliver(
    to,
    "Your Cairn email address is about to change",
    `Someone signed in to your Cairn account asked to change its email address to ${newEmail}.\n\nNothing changes until that address confirms it. If it was not you, log in, change your password and sign out other sessions from your account page.`,
  );
}
