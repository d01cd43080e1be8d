import { describe, expect, it } from "vitest";
import { canonicalLanguageTag, languageName, PICKER_LANGUAGES } from "~/modules/translate/languages";

describe("language tags", () => {
  it("accepts BCP 47 tags of known languages, in canonical form", () => {
    expect(canonicalLanguageTag("en")).toBe("en");
    expect(canonicalLanguageTag("pt-BR")).toBe("pt-BR");
    expect(canonicalLanguageTag("EN-us")).toBe("en-US");
    expect(canonicalLanguageTag("zh-hant")).toBe("zh-Hant");
    expect(canonicalLanguageTag("fil")).toBe("fil");
  });

  it("refuses what is not a language", () => {
    for (const tag of ["", "english", "xx", "pt-XX", "und", "zxx", "123", "x-private", "en_US!"])
      expect(canonicalLanguageTag(tag), tag).toBeNull();
  });

  it("offers only valid tags in the picker, each with a name", () => {
    for (const tag of PICKER_LANGUAGES) {
      expect(canonicalLanguageTag(tag)).toBe(tag);
      expect(languageName(tag)).not.toBe(tag);
    }
    expect(languageName("pt-BR")).toBe("Brazilian Portuguese");
    expect(languageName("fr", "fr")).toBe("français");
  });
});
