import { env } from "~/modules/config/env.server";
import { sendMail } from "~/modules/mail/mail.server";

// These mails are queued, not sent here: a request answers as fast for an
// address with an account as for one without, and a failed delivery is retried.

export function sendActivationMail(to: string, token: string) {
  const link = `${env().APP_URL}/activate?token=${encodeURIComponent(token)}`;
  sendMail({
    to,
    subject: "Activate your Cairn account",
    text: `Welcome to Cairn.\n\nActivate your account by opening this link (valid for 48 hours):\n${link}\n\nIf you did not sign up, ignore this mail.`,
  });
}

export function sendPasswordResetMail(to: string, token: string) {
  const link = `${env().APP_URL}/reset-password?token=${encodeURIComponent(token)}`;
  sendMail({
    to,
    subject: "Reset your Cairn password",
    text: `Someone asked to reset the password of your Cairn account.\n\nChoose a new password here (valid for 1 hour):\n${link}\n\nIf it was not you, ignore this mail: your password stays as it is.`,
  });
}

export function sendEmailChangeMail(to: string, token: string) {
  const link = `${env().APP_URL}/confirm-email?token=${encodeURIComponent(token)}`;
  sendMail({
    to,
    subject: "Confirm your new email address for Cairn",
    text: `Someone asked to use this address for their Cairn account.\n\nConfirm it by opening this link (valid for 24 hours):\n${link}\n\nUntil then the account keeps its old address. If it was not you, ignore this mail.`,
  });
}

/** Tells the old address that a change was asked for, so a stolen session cannot move the account quietly. */
export function sendEmailChangeNotice(to: string, newEmail: string) {
  sendMail({
    to,
    subject: "Your Cairn email address is about to change",
    text: `Someone signed in to your Cairn account asked to change its email address to ${newEmail}.\n\nNothing changes until that address confirms it. If it was not you, log in, change your password and sign out other sessions from your account page.`,
  });
}
