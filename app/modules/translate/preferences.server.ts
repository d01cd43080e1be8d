// The language a person last translated into, so the picker starts there on any device.
import { eq } from "drizzle-orm";
import { translationPreferences } from "#db/schema";
import { db } from "~/modules/db/database.server";

export function preferredTargetLanguage(userId: string): string | null {
  return (
    db()
      .select({ targetLanguage: translationPreferences.targetLanguage })
      .from(translationPreferences)
      .where(eq(translationPreferences.userId, userId))
      .get()?.targetLanguage ?? null
  );
}

export function rememberTargetLanguage(userId: string, targetLanguage: string) {
  db()
    .insert(translationPreferences)
    .values({ userId, targetLanguage })
    .onConflictDoUpdate({ target: translationPreferences.userId, set: { targetLanguage, updatedAt: new Date() } })
    .run();
}
