// "Translate" among an answer's actions: pick a language (it starts at the one the
// person last translated into, else the browser's), and the translation
// shows below the original, which stays as it is.
import { useState } from "react";
import { useRevalidator } from "react-router";
import { findModel } from "~/modules/ai/models";
import { canonicalLanguageTag, languageName, PICKER_LANGUAGES } from "~/modules/translate/languages";
import { Markdown } from "./markdown";

type Translation = { language: string; text: string; modelId: string };

/** The browser's language if the picker offers it (exactly, or by its language alone), else English. */
function browserLanguage(): string {
  const tag = canonicalLanguageTag(navigator.language) ?? "en";
  const offered = PICKER_LANGUAGES as readonly string[];
  return offered.includes(tag) ? tag : (offered.find((t) => t.split("-")[0] === tag.split("-")[0]) ?? "en");
}

const quiet = "rounded-md px-2 py-1 text-xs font-medium text-stone-600 hover:bg-stone-200";

export function TranslateAnswer({
  workspaceId,
  text,
  rememberedLanguage,
  onClose,
}: {
  /** Closes the panel (Cancel before any translation, or Hide translation). */
  onClose: () => void;
  workspaceId: string;
  /** The answer's text, as stored. */
  text: string;
  /** The language this person last translated into (the server remembers it), if any. */
  rememberedLanguage: string | null;
}) {
  const revalidator = useRevalidator();
  const [open, setOpen] = useState(true);
  const [chosen, setChosen] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [translation, setTranslation] = useState<Translation | null>(null);
  // Chosen here, else remembered (which may change while this picker is closed), else the browser's.
  const language = chosen ?? rememberedLanguage ?? (open ? browserLanguage() : "en");
  const displayLocale = typeof navigator === "undefined" ? "en" : navigator.language;
  const choices = () =>
    [...new Set([...PICKER_LANGUAGES, language])]
      .map((tag) => ({ tag, name: languageName(tag, displayLocale) }))
      .sort((a, b) => a.name.localeCompare(b.name, displayLocale));

  async function translate(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setProblem(null);
    try {
      const response = await fetch(`/api/workspaces/${workspaceId}/translate`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text, targetLanguage: language }),
      });
      const body = (await response.json().catch(() => ({}))) as { translation?: string; modelId?: string; error?: string };
      if (!response.ok || !body.translation) setProblem(`The translation failed: ${body.error ?? `error ${response.status}`}`);
      else {
        setTranslation({ language, text: body.translation, modelId: body.modelId ?? "" });
        setOpen(false);
        // The page's data now has the new default language and the credits left.
        void revalidator.revalidate();
      }
    } catch {
      setProblem("The translation could not be requested. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      {open ? (
        <form onSubmit={translate} className="flex flex-wrap items-center gap-2 px-1">
          <label className="flex min-w-0 items-center gap-2 text-xs text-stone-600">
            Translate into
            <select
              value={language}
              onChange={(e) => setChosen(e.target.value)}
              className="min-w-0 max-w-[12rem] rounded-lg border border-stone-300 bg-white px-2 py-1 text-xs"
            >
              {choices().map((c) => (
                <option key={c.tag} value={c.tag}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-brand-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {pending ? "Translating…" : "Translate"}
          </button>
          <button type="button" className={quiet} onClick={() => (translation ? setOpen(false) : onClose())}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="flex gap-1 px-1">
          <button type="button" className={quiet} onClick={() => setOpen(true)}>
            {translation ? "Translate again" : "Translate"}
          </button>
          {translation && (
            <button type="button" className={quiet} onClick={onClose}>
              Hide translation
            </button>
          )}
        </div>
      )}
      {problem && (
        <p role="alert" className="px-1 text-xs text-red-700">
          {problem}
        </p>
      )}
      {translation && (
        <section
          aria-label={`Translation into ${languageName(translation.language, displayLocale)}`}
          lang={translation.language}
          className="flex flex-col gap-2 rounded-2xl border border-dashed border-stone-300 bg-stone-50 px-4 py-3 text-sm"
          data-testid="translation"
        >
          <p className="text-xs text-stone-500" lang={displayLocale}>
            Translated into {languageName(translation.language, displayLocale)}
            {translation.modelId && ` by ${findModel(translation.modelId)?.label ?? translation.modelId}`}
          </p>
          <Markdown text={translation.text} />
        </section>
      )}
    </div>
  );
}
