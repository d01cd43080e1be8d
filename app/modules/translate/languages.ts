// Languages as BCP 47 tags (`en`, `fr`, `pt-BR`): validated against the
// languages, scripts and regions the platform's Unicode data knows, so a
// syntactically fine but meaningless tag (`xx`, `pt-XX`) is refused. Shared
// with the UI, which names the languages in the reader's own language.
import { z } from "zod";

/** The translation picker's choices (any other valid tag works through the API). */
export const PICKER_LANGUAGES = [
  "ar",
  "bn",
  "cs",
  "da",
  "de",
  "el",
  "en",
  "es",
  "fa",
  "fi",
  "fr",
  "he",
  "hi",
  "hu",
  "id",
  "it",
  "ja",
  "ko",
  "nb",
  "nl",
  "pl",
  "pt-BR",
  "pt-PT",
  "ro",
  "ru",
  "sv",
  "sw",
  "th",
  "tr",
  "uk",
  "vi",
  "zh-Hans",
  "zh-Hant",
] as const;

// Tags that name no language to translate into.
const NOT_LANGUAGES = new Set(["und", "mis", "mul", "zxx"]);

const names = (type: "language" | "script" | "region") => new Intl.DisplayNames(["en"], { type, fallback: "none" });

function known(type: "language" | "script" | "region", code: string | undefined): boolean {
  if (code === undefined) return true;
  try {
    return names(type).of(code) !== undefined;
  } catch {
    return false;
  }
}

/** The canonical form of a BCP 47 tag of a known language (`EN-us` → `en-US`), or null. */
export function canonicalLanguageTag(tag: string): string | null {
  let canonical: string;
  let locale: Intl.Locale;
  try {
    [canonical] = Intl.getCanonicalLocales(tag.trim()) as [string];
    locale = new Intl.Locale(canonical);
  } catch {
    return null;
  }
  if (!locale.language || NOT_LANGUAGES.has(locale.language)) return null;
  return known("language", locale.language) && known("script", locale.script) && known("region", locale.region) ? canonical : null;
}

/** A language's name for people, in `displayLocale` (the tag itself if the platform cannot name it). */
export function languageName(tag: string, displayLocale = "en"): string {
  try {
    return new Intl.DisplayNames([displayLocale], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A zod field for a language tag: canonicalised, 422 with a clear issue when unknown. */
export const languageTagSchema = z
  .string()
  .max(35)
  .transform((tag, ctx) => {
    const canonical = canonicalLanguageTag(tag);
    if (canonical) return canonical;
    ctx.addIssue({ code: "custom", message: `Unknown language code "${tag}": use a BCP 47 tag such as en, fr or pt-BR` });
    return z.NEVER;
  });
