import { sendContactMessage } from "~/modules/contact/contact.server";
import { contactMessageSchema } from "~/modules/contact/schemas";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { clientAddress } from "~/modules/http/client-address.server";

// POST /api/send-contact-email (public) { name, email, message, subject? } → { sent: true }; the mail is queued.
export const loader = apiRoute({
  POST: async ({ request, context }) => {
    const message = await readJson(request, contactMessageSchema);
    await sendContactMessage(message, clientAddress(context));
    return json({ sent: true });
  },
});
export const action = loader;
