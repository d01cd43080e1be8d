import { z } from "zod";

export const workspaceInputSchema = z.object({
  name: z.string().trim().min(1, "Give the workspace a name").max(80, "Use at most 80 characters"),
});

export const workspaceParamsSchema = z.object({ workspaceId: z.uuid() });
export const memberParamsSchema = z.object({ workspaceId: z.uuid(), userId: z.uuid() });
export const invitationParamsSchema = z.object({ workspaceId: z.uuid(), invitationId: z.uuid() });
export const teamParamsSchema = z.object({ workspaceId: z.uuid(), teamId: z.uuid() });
export const teamMembershipParamsSchema = z.object({ workspaceId: z.uuid(), teamId: z.uuid(), membershipId: z.uuid() });

const email = z.string("Enter a valid email address").trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254));

/** A monthly spend limit in credits: a whole number ≥ 0, or null for none. */
export const monthlyCreditLimitSchema = z
  .number("Enter a whole number of credits, or null for no limit")
  .int("Enter a whole number of credits")
  .min(0, "A limit cannot be negative")
  .max(1_000_000_000, "Use at most 1,000,000,000")
  .nullable();

const atLeastOne = (fields: string[]) => (value: Record<string, unknown>) => fields.some((f) => value[f] !== undefined);

export const memberUpdateSchema = z
  .object({
    role: z.enum(["owner", "admin", "member"], "Role must be owner, admin or member").optional(),
    monthlyCreditLimit: monthlyCreditLimitSchema.optional(),
  })
  .refine(atLeastOne(["role", "monthlyCreditLimit"]), "Send a role or a monthlyCreditLimit");

export const invitationInputSchema = z.object({
  email,
  role: z.enum(["member", "admin"], "Role must be member or admin").default("member"),
});

export const invitationTokenSchema = z.object({
  token: z.string("Send the invitation's token").trim().min(1, "Send the invitation's token").max(200),
});

const teamName = z.string().trim().min(1, "Give the team a name").max(80, "Use at most 80 characters");
const teamDescription = z.string().trim().max(500, "Use at most 500 characters");

export const teamInputSchema = z.object({ name: teamName, description: teamDescription.optional() });

export const teamUpdateSchema = z
  .object({ name: teamName.optional(), description: teamDescription.optional(), monthlyCreditLimit: monthlyCreditLimitSchema.optional() })
  .refine(atLeastOne(["name", "description", "monthlyCreditLimit"]), "Send a name, description or monthlyCreditLimit");

export const teamRoleSchema = z.enum(["admin", "member"], "Role must be admin or member");
export const teamInvitationInputSchema = z.object({ email, role: teamRoleSchema.default("member") });
export const teamMembershipUpdateSchema = z.object({ role: teamRoleSchema });

const creditAmount = z
  .number("Enter a number of credits")
  .int("Enter a whole number of credits")
  .min(1, "Move at least 1 credit")
  .max(1_000_000_000, "Use at most 1,000,000,000");
export const creditTransferSchema = z.object({ amount: creditAmount });

// Pages send numbers as text; an empty limit field means "no limit".
const fromText = (v: unknown) => (typeof v === "string" ? (v.trim() === "" ? null : Number(v)) : v);
export const creditTransferFormSchema = z.object({ amount: z.preprocess(fromText, creditAmount) });
export const limitFormField = z.preprocess(fromText, monthlyCreditLimitSchema);
