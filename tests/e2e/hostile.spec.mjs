// Hostile text: a scenario whose name, delivery label and recipient emails hold
// markup and script URLs is loaded through the raw JSON editor, run to the end and
// explored. Nothing may execute (no flag set, no dialog, no injected element) and
// the text must show literally.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage } from "./harness.mjs";

const env = withBrowser();

const LABEL = `<img src=x onerror="window.__pwned='label'">Promo`;
const EMAILS = [
  `<script>window.__pwned='email'</script>@x.test`,
  `<img src=x onerror=window.__pwned='img'>@x.test`,
  `javascript:window.__pwned='href'//@x.test`,
  `=HYPERLINK("http://evil.test","click")@x.test`,
];
const DOC = {
  name: `<script>window.__pwned='name'</script><b>bold</b>`,
  year: 2026,
  timezone: "Europe/Paris",
  seed: 1,
  tracking: { enabled: true, open_rate: 0.9, click_rate: 0.9 },
  recipients: EMAILS.map((email, i) => ({ id: i + 1, email })),
  workflow: {
    scheduler: { frequency: "weekly", days: ["mon"], times: ["09:00"] },
    delivery: { mode: "continuous", label: LABEL },
  },
};

test("markup in name, label and emails renders as inert text", async () => {
  const page = await openPage(env.browser, env.server.url);
  const dialogs = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const requests = [];
  page.on("request", (r) => {
    if (/\/x$|evil\.test/.test(r.url())) requests.push(r.url());
  });
  await page.waitForFunction(
    () => document.querySelector('[data-testid="sim-clock"]')?.getAttribute("data-instant"),
    null,
    { timeout: 20000 },
  );
  await page.locator(".cs-raw summary").click();
  await page.getByTestId("scenario-json").fill(JSON.stringify(DOC));
  // The engine accepted it: no validation error is shown.
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId("error").count(), 0, await page.locator(".cs-error").allTextContents().then(String));
  await page.getByTestId("run-to-end").click();
  await page.waitForFunction(
    () => /^[1-9]/.test(document.querySelector('[data-testid="broadlog-count"]')?.textContent ?? ""),
    null,
    { timeout: 20000 },
  );
  await page.getByTestId("delivery-item").first().click();
  await page.getByTestId("broadlog-row").first().waitFor();
  // Visit the other views that show recipient text.
  await page.getByTestId("broadlog-row").first().click();
  await page.waitForTimeout(300);

  const pwned = await page.evaluate(() => window.__pwned);
  assert.equal(pwned, undefined, `script ran: ${pwned}`);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(requests, [], "the injected <img src=x> never loaded");
  const injected = await page.evaluate(() => ({
    scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent.includes("__pwned")).length,
    imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
    bold: [...document.querySelectorAll("b")].filter((b) => b.textContent === "bold").length,
    jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
  }));
  assert.deepEqual(injected, { scripts: 0, imgs: 0, bold: 0, jsLinks: 0 });

  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(text.includes(LABEL), "the label shows literally");
  const shown = EMAILS.filter((e) => text.includes(e));
  assert.ok(shown.length >= 1, `at least one hostile email shows literally in the broadLog:\n${text.slice(0, 2000)}`);
  assert.deepEqual(page.problems, []);
});
