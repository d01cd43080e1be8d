import { expect, test } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { makeDocx, makePdf } from "../support/documents";
import { signUpAndLogIn } from "./support";

test("upload a PDF and a DOCX, add a page by URL, watch them become ready, ask, and follow a citation to the cited page", async ({
  page,
}) => {
  await signUpAndLogIn(page, "Ines");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Documents" }).click();
  await expect(page.getByRole("heading", { name: "Documents", level: 1 })).toBeVisible();

  const pdf = await makePdf(
    [
      ["Hut opening times", "The Refuge des Cosmiques opens in June."],
      ["Water on the glacier route", "The only reliable water source on the glacier route is the spring below the Col du Midi."],
    ],
    "Route notes",
  );
  const docx = await makeDocx([{ heading: 1, text: "Gear" }, { text: "Carry crampons and an ice axe above the snow line." }]);
  await page.getByLabel("Files to upload").setInputFiles([
    { name: "route-notes.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) },
    { name: "gear.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: Buffer.from(docx) },
  ]);
  const rows = page.getByTestId("document-row");
  await expect(rows).toHaveCount(2);
  // Progress ends at ready for both (the page follows it live).
  await expect(rows.filter({ hasText: "route-notes" }).getByTestId("document-status")).toHaveText("ready");
  await expect(rows.filter({ hasText: "gear" }).getByTestId("document-status")).toHaveText("ready");

  // Add a web page by URL (a loopback page; FETCH_ALLOW_HOSTS opens loopback for e2e only).
  const site = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      "<html><head><title>Bivouac basics</title></head><body><nav>Home Shop Login</nav><article><h1>Bivouac basics</h1><p>A bivouac sack keeps wind and spindrift off your sleeping bag when there is no hut nearby.</p><p>Choose a spot sheltered from rockfall and check the forecast for the night.</p></article></body></html>",
    );
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const pageUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/bivouac-basics`;
  await page.getByLabel("Address").fill(pageUrl);
  await page.getByRole("button", { name: "Add page" }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "bivouac-basics" }).getByTestId("document-status")).toHaveText("ready");
  site.close();
  // A private address is refused, with the reason.
  await page.getByLabel("Address").fill("http://10.0.0.7/notes");
  await page.getByRole("button", { name: "Add page" }).click();
  await expect(page.getByText(/private/i)).toBeVisible();

  // A refused file says why.
  await page
    .getByLabel("Files to upload")
    .setInputFiles([{ name: "photo.pdf", mimeType: "application/pdf", buffer: Buffer.from("GIF89a not a pdf at all") }]);
  await expect(page.getByText(/photo\.pdf: not uploaded/)).toBeVisible();

  // Ask in a new chat, grounded in the PDF.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Chats" }).click();
  await page.getByText("Use documents").click();
  await page.getByRole("checkbox", { name: "route-notes" }).check();
  const question = page.getByLabel("Your question");
  await question.fill("Where can I find water on the glacier route?");
  await question.press("Enter");
  const answer = page.getByTestId("answer").first();
  await expect(answer).toHaveAttribute("data-status", "complete");
  await expect(answer.getByRole("list", { name: "Sources" })).toContainText("route-notes.pdf, page 2");

  // The inline citation opens the document at the cited chunk, on page 2.
  await answer.getByRole("link", { name: "[1]" }).first().click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}#chunk-\d+$/);
  const chunkId = new URL(page.url()).hash.slice(1);
  const cited = page.locator(`#${chunkId}`);
  await expect(cited).toBeVisible();
  await expect(cited).toContainText("page 2");
  await expect(cited).toContainText("spring below the Col du Midi");
});
