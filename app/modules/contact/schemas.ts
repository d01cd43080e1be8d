import { z } from "zod";

/** A field people never see: a bot that fills every input fills this one too, and its message is dropped. */
export const HONEYPOT_FIELD = "website";

const singleLine = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .refine((v) => !/[\r\n]/.test(v), `${label} must be on one line`);

/** POST /api/send-contact-email and the /contact page's form. */
export const contactMessageSchema = z.object({
  name: singleLine("Your name", 100).pipe(z.string().min(1, "Tell us your name")),
  email: z.string().trim().pipe(z.email("Enter a valid email address").max(254)),
  subject: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), singleLine("The subject", 150).optional()),
  message: z.string().trim().min(1, "Write a message").max(5000, "Use at most 5,000 characters"),
  [HONEYPOT_FIELD]: z.string().max(1000).optional(),
});
export type ContactMessage = z.infer<typeof contactMessageSchema>;
