import { describe, expect, it } from "vitest";
import { plainText } from "~/modules/documents/plain-text.server";

describe("plainText", () => {
  it("keeps text without markup as it is, whitespace collapsed", () => {
    expect(plainText("  What is a cairn,\n  and who builds one?  ")).toBe("What is a cairn, and who builds one?");
    expect(plainText("Is 3.5 - 2 = 1.5 in C: yes (or no)?")).toBe("Is 3.5 - 2 = 1.5 in C: yes (or no)?");
    expect(plainText("    indented, still text")).toBe("indented, still text");
  });

  it("removes markdown's marks", () => {
    expect(plainText("**Bold** and _quiet_ `code`")).toBe("Bold and quiet code");
    expect(plainText("# A heading")).toBe("A heading");
    expect(plainText("Setext title\n===")).toBe("Setext title");
    expect(plainText("1. first\n2) second")).toBe("first second");
    expect(plainText("- one\n+ two\n> quoted")).toBe("one two quoted");
    expect(plainText("[a link](https://example.com) &amp; ~~gone~~ | cell |")).toBe("a link & gone | cell |");
  });
});
