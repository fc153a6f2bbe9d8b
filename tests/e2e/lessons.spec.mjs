// Guided lessons (issue 12, point 2): every lesson of the Questions menu is played in
// Chromium, in English and in French, to its last step. At each step the test checks
// the progress, the narration, the outlined element and the answer the lesson file
// promises (its `expect`: an element by data-testid, optionally with attributes, whose
// text contains the given text, visible). Back is exact; switching language keeps the
// step; a bad lesson file shows its error in the panel; widgets open a lesson from
// data-lesson or mount({lesson}).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { withBrowser, openPage, ready, screenshot, distDir, shotsDir } from "./harness.mjs";

const env = withBrowser();

/** A lesson file as the page fetches it (the built copy in dist/lessons). */
function read(name) {
  return JSON.parse(fs.readFileSync(path.join(distDir, "lessons", name), "utf8"));
}

/** Text compared with spaces (non-breaking, narrow, runs) made one plain space. */
const norm = (s) => s.replace(/[\s\u00a0\u202f]+/g, " ").trim();

function selector(e) {
  const attrs = Object.entries(e.attr ?? {}).map(([k, v]) => `[${k}="${v}"]`).join("");
  return `[data-testid="${e.testid}"]${attrs}`;
}

/** Waits until an element matching `e` shows its text; fails with what the page shows. */
async function expectVisible(page, e, where) {
  const sel = selector(e);
  const text = norm(e.text);
  try {
    await page.waitForFunction(
      ([sel, text]) => {
        const norm = (s) => s.replace(/[\s\u00a0\u202f]+/g, " ").trim();
        return [...csQueryAll(`.cs ${sel}`)].some((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && norm(el.textContent).includes(text);
        });
      },
      [sel, text],
      { timeout: 15000 },
    );
  } catch {
    const shown = await page.locator(sel).allTextContents();
    assert.fail(`${where}: no visible ${sel} with "${text}"; the page shows ${JSON.stringify(shown.map(norm)).slice(0, 1500)}`);
  }
}

async function stepOf(page) {
  return page.getByTestId("lesson-step").getAttribute("data-step");
}

/** Waits until step k/n is shown and applied (its element outlined), then checks it. */
async function checkStep(page, lesson, k, where) {
  const n = lesson.steps.length;
  const step = lesson.steps[k - 1];
  await page.waitForFunction((s) => document.querySelector('[data-testid="lesson-step"]')?.dataset.step === s, `${k}/${n}`, { timeout: 15000 });
  assert.equal(norm(await page.getByTestId("lesson-narration").textContent()), norm(step.narration), `${where}: narration`);
  assert.ok(norm(await page.getByTestId("lesson-notice").textContent()).includes(norm(step.notice)), `${where}: what to notice`);
  if (step.highlight) {
    // The element, or the scroll box that holds it, is outlined.
    await page.waitForFunction(
      (t) => [...document.querySelectorAll(`[data-testid="${t}"]`)].some((el) => el.classList.contains("cs-lesson-target") || el.parentElement?.classList.contains("cs-lesson-target")),
      step.highlight,
      { timeout: 15000 },
    );
  }
  for (const e of step.expect ?? []) {
    await expectVisible(page, e, `${where}`);
  }
  assert.equal(await page.getByTestId("lesson-scenario-error").count(), 0, `${where}: the step's scenario is valid`);
  return page.getByTestId("sim-clock").getAttribute("data-instant");
}

/** Opens lesson `id` from the Questions menu: two interactions. */
async function openLesson(page, id) {
  await page.getByTestId("questions-menu").click();
  await page.locator(`[data-testid="lesson"][data-lesson="${id}"]`).click();
}

/** Chooses the lessons' mode in the Questions menu (it holds until changed). */
async function setMode(page, mode) {
  await page.getByTestId("questions-menu").click();
  await page.locator(`[data-testid="lesson-mode"][data-mode="${mode}"]`).click();
  assert.equal(await page.locator(`[data-testid="lesson-mode"][data-mode="${mode}"]`).getAttribute("aria-pressed"), "true");
  await page.getByTestId("questions-menu").click();
}

/**
 * The right and a wrong answer of every question, as the engine gives them: written by
 * the native test `cargo test --test lessons` (never copied from the lesson files).
 */
function answers() {
  const file = path.join(path.dirname(distDir), "target", "lesson-answers.json");
  assert.ok(fs.existsSync(file), `${file} is written by cargo test --test lessons (make test runs it first)`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Records the lesson events the page sends (they bubble to the document). */
async function listen(page) {
  await page.evaluate(() => {
    window.__events = [];
    for (const name of ["campaign-sim-answer", "campaign-sim-lesson-complete", "campaign-sim-lesson-step"]) {
      document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail }));
    }
  });
}

const eventsOf = (page, name) => page.evaluate((n) => window.__events.filter((e) => e.name === n).map((e) => e.detail), name);

/** Answers the open step's question with `response` (a number's text, or a choice index). */
async function respond(page, kind, response) {
  if (kind === "number") {
    await page.getByTestId("lesson-answer").fill(String(response));
  } else {
    await page.getByTestId("lesson-choice").nth(Number(response)).check();
  }
  await page.getByTestId("lesson-check").click();
}

/** Waits for the feedback on the last answer and checks it and its statement. */
async function expectFeedback(page, correct, sent, where) {
  await page.waitForFunction(
    ([c, n]) =>
      document.querySelector('[data-testid="lesson-feedback"]')?.dataset.correct === String(c) &&
      window.__events.filter((e) => e.name === "campaign-sim-answer").length === n,
    [correct, sent],
    { timeout: 15000 },
  );
  const statements = await eventsOf(page, "campaign-sim-answer");
  const last = statements[statements.length - 1];
  assert.equal(last.result.success, correct, `${where}: the statement's result.success`);
  assert.equal(last.verb.id, "http://adlnet.gov/expapi/verbs/answered", where);
  assert.match(last.object.id, /^urn:campaign-sim:lesson:[a-z0-9-]+:step:\d+$/, where);
  assert.ok(norm(await page.getByTestId("lesson-feedback").textContent()).length > 0, where);
}

for (const lang of ["en", "fr"]) {
  test(`every lesson, in ${lang === "en" ? "English" : "French"}, Guided, plays to its last step with its answers visible`, async () => {
    const index = read(`index.${lang}.json`);
    assert.equal(index.length >= 10, true, "ten lessons at least");
    const page = await openPage(env.browser, env.server.url);
    await ready(page);
    if (lang === "fr") await page.getByTestId("lang-fr").click();
    // Guided: every step shown as it comes (Check yourself is the next test).
    await setMode(page, "guided");
    // The menu follows the page's language.
    await page.getByTestId("questions-menu").click();
    const items = page.getByTestId("lesson");
    await items.first().waitFor({ timeout: 10000 });
    assert.deepEqual(
      (await items.allTextContents()).map(norm),
      index.map((e) => norm(`${e.question}${e.title}`)),
    );
    await page.getByTestId("questions-menu").click();
    for (const entry of index) {
      const lesson = read(`${entry.id}.${lang}.json`);
      const n = lesson.steps.length;
      await openLesson(page, entry.id);
      // The answer is stated by step 2 at the latest: menu (1), lesson (2), Next (3).
      const answered = lesson.steps.findIndex((s) => (s.expect ?? []).length > 0);
      assert.ok(answered >= 0 && answered <= 1, `${entry.id}: answer by step 2`);
      const clocks = [];
      for (let k = 1; k <= n; k++) {
        clocks.push(await checkStep(page, lesson, k, `${entry.id}.${lang} step ${k}/${n}`));
        if (k < n) await page.getByTestId("lesson-next").click();
      }
      // Back is exact: the previous step again, at the same instant.
      if (n > 1) {
        await page.getByTestId("lesson-back").click();
        const again = await checkStep(page, lesson, n - 1, `${entry.id}.${lang} back to ${n - 1}/${n}`);
        assert.equal(again, clocks[n - 2], `${entry.id}: Back lands where Next did`);
        await page.getByTestId("lesson-next").click();
        await checkStep(page, lesson, n, `${entry.id}.${lang} ${n}/${n} again`);
      }
      // Next on the last step finishes: the panel goes, the page stays.
      await page.getByTestId("lesson-next").click();
      await page.getByTestId("lesson-panel").waitFor({ state: "detached", timeout: 5000 });
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

for (const lang of ["en", "fr"]) {
  test(`every lesson, in ${lang === "en" ? "English" : "French"}, Check yourself: each question asks first, a wrong then the right answer (the engine's), then the step reveals`, async () => {
    const index = read(`index.${lang}.json`);
    const right = answers();
    const page = await openPage(env.browser, env.server.url);
    await ready(page);
    await listen(page);
    if (lang === "fr") await page.getByTestId("lang-fr").click();
    // Check yourself is the default mode.
    await page.getByTestId("questions-menu").click();
    assert.equal(await page.locator('[data-testid="lesson-mode"][data-mode="check"]').getAttribute("aria-pressed"), "true");
    await page.getByTestId("questions-menu").click();
    let sent = 0;
    let asked = 0;
    for (const entry of index) {
      const lesson = read(`${entry.id}.${lang}.json`);
      const n = lesson.steps.length;
      await openLesson(page, entry.id);
      for (let k = 1; k <= n; k++) {
        const where = `${entry.id}.${lang} step ${k}/${n}`;
        const step = lesson.steps[k - 1];
        if (step.ask) {
          const a = right[entry.id]?.[String(k)];
          assert.ok(a, `${where}: the engine's answer (target/lesson-answers.json)`);
          await page.waitForFunction((s) => document.querySelector('[data-testid="lesson-step"]')?.dataset.step === s, `${k}/${n}`, { timeout: 15000 });
          // Before the answer: the question, not the narration that gives it away.
          await page.getByTestId("lesson-question").waitFor({ timeout: 15000 });
          assert.equal(await page.getByTestId("lesson-narration").count(), 0, `${where}: the narration waits for the answer`);
          await respond(page, a.kind, a.wrong);
          await expectFeedback(page, false, ++sent, `${where} (wrong)`);
          await respond(page, a.kind, a.right);
          await expectFeedback(page, true, ++sent, `${where} (right)`);
          asked++;
        }
        await checkStep(page, lesson, k, where);
        if (k < n) await page.getByTestId("lesson-next").click();
      }
      // Finishing sends the lesson's result: every question wrong at the first try.
      await page.getByTestId("lesson-next").click();
      await page.getByTestId("lesson-panel").waitFor({ state: "detached", timeout: 5000 });
      const done = await eventsOf(page, "campaign-sim-lesson-complete");
      const last = done[done.length - 1];
      assert.equal(last.object.id, `urn:campaign-sim:lesson:${entry.id}`);
      assert.equal(last.verb.id, "http://adlnet.gov/expapi/verbs/completed");
      const questions = lesson.steps.filter((s) => s.ask).length;
      if (questions > 0) assert.deepEqual([last.result.score.raw, last.result.score.max], [0, questions], entry.id);
    }
    assert.ok(asked >= 6, `${asked} questions asked`);
    assert.ok((await eventsOf(page, "campaign-sim-lesson-step")).length > 0, "each step is sent");
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test("a lesson in progress at 1400 and 400 px, and Leave at any time", async () => {
  for (const width of [1400, 400]) {
    const page = await openPage(env.browser, env.server.url, { width, height: 900 });
    await ready(page);
    const lesson = read("q2-broadlog-of-a-run.en.json");
    await openLesson(page, lesson.id);
    await checkStep(page, lesson, 1, `q2 at ${width}`);
    await page.getByTestId("lesson-next").click();
    await checkStep(page, lesson, 2, `q2 at ${width}`);
    // The continuous mode's rows of execution #11 are rows of delivery #1 (the same row
    // numbers as the recurring step before, redrawn for this mode).
    const deliveries = await page.locator('[data-testid="broadlog-row"] [role="cell"]:nth-child(2)').allTextContents();
    assert.ok(deliveries.length > 0 && deliveries.every((d) => d === "#1"), deliveries.join(" "));
    // The panel stays at the top of the viewport (sticky), just under the full page's
    // sticky section index, while the page shows the step.
    const box = await page.getByTestId("lesson-panel").boundingBox();
    const index = await page.getByTestId("section-index").boundingBox();
    const top = index ? Math.max(0, index.y + index.height) : 0;
    assert.ok(index === null || (index.y >= 0 && index.y < 2), `the section index is at the top (y = ${index?.y})`);
    assert.ok(box.y >= top - 1 && box.y < top + 20, `the panel is at the top of the viewport, under the index (y = ${box.y}, index ends at ${top})`);
    const target = page.locator(".cs-lesson-target").first();
    const t = await target.boundingBox();
    assert.ok(t.y >= box.y + box.height - 1 && t.y < 900, `the outlined element is in view below the panel (${t.y})`);
    fs.mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({ path: path.join(shotsDir, `lesson-${width}.png`) });
    // Leave: the panel goes, nothing is outlined, the page keeps the step's state.
    const clock = await page.getByTestId("sim-clock").getAttribute("data-instant");
    await page.getByTestId("lesson-close").click();
    await page.getByTestId("lesson-panel").waitFor({ state: "detached", timeout: 5000 });
    assert.equal(await page.locator(".cs-lesson-target").count(), 0);
    assert.equal(await page.getByTestId("sim-clock").getAttribute("data-instant"), clock);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test("switching language while a lesson is open reloads it in the other language at the same step", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await setMode(page, "guided");
  const en = read("q5-content-change.en.json");
  const fr = read("q5-content-change.fr.json");
  await openLesson(page, en.id);
  await checkStep(page, en, 1, "q5 en");
  await page.getByTestId("lesson-next").click();
  const clock = await checkStep(page, en, 2, "q5 en");
  await page.getByTestId("lang-fr").click();
  await page.waitForFunction((t) => document.querySelector('[data-testid="lesson-narration"]')?.textContent.includes(t), fr.steps[1].narration.slice(0, 40));
  assert.equal(await stepOf(page), `2/${fr.steps.length}`);
  await checkStep(page, fr, 2, "q5 fr");
  assert.equal(await page.getByTestId("sim-clock").getAttribute("data-instant"), clock, "the page state stays");
  // The menu is French too.
  await page.getByTestId("questions-menu").click();
  await page.locator('[data-testid="lesson"][data-lesson="q5-content-change"]').waitFor();
  assert.ok(norm(await page.locator('[data-testid="lesson"][data-lesson="q5-content-change"]').textContent()).includes(norm(fr.title)));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a bad lesson file shows its error, naming the field, in the lesson panel", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  const broken = read("q1-deliveries.en.json");
  broken.steps[1].clock = "2026-13-01";
  await page.route("**/lessons/q1-deliveries.en.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(broken) }),
  );
  await openLesson(page, "q1-deliveries");
  const error = page.getByTestId("lesson-error");
  await error.waitFor({ timeout: 10000 });
  assert.equal(
    norm(await error.textContent()),
    'lessons/q1-deliveries.en.json: steps[1].clock: "2026-13-01" is not "end", a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM',
  );
  // The page still works: leave, and play.
  await page.getByTestId("lesson-close").click();
  await page.getByTestId("run-to-end").click();
  await page.waitForFunction(() => /^2027-01-01/.test(document.querySelector('[data-testid="sim-clock"]').dataset.instant));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("embed.html: a widget with data-lesson shows the lesson above its compare view", async () => {
  const page = await openPage(env.browser, env.server.url + "embed.html");
  const widget = page.locator("[data-campaign-sim][data-lesson]");
  assert.equal(await widget.count(), 1);
  const id = await widget.getAttribute("data-lesson");
  const lesson = read(`${id}.en.json`);
  await widget.getByTestId("lesson-panel").waitFor({ timeout: 20000 });
  assert.equal(await widget.getByTestId("lesson-step").getAttribute("data-step"), `1/${lesson.steps.length}`);
  for (const e of lesson.steps[0].expect) await expectVisible(page, e, `embed ${id}`);
  // The panel sits above the view; no Questions menu in a widget.
  const panel = await widget.getByTestId("lesson-panel").boundingBox();
  const compare = await widget.locator(".cs-compare").boundingBox();
  assert.ok(panel.y < compare.y, "the lesson panel is above the view");
  assert.equal(await widget.getByTestId("questions-menu").count(), 0);
  // The host page did not scroll to the widget on load.
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  await widget.getByTestId("lesson-next").click();
  await page.waitForFunction(() => csQuery("[data-lesson] >>> [data-testid=lesson-step]")?.dataset.step.startsWith("2/"));
  await screenshot(page, "embed-lesson");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("mount({lesson}) opens a lesson; an unknown lesson is said in the widget, naming the option", async () => {
  const page = await openPage(env.browser, env.server.url + "embed.html");
  await page.locator("[data-campaign-sim] [data-testid=sim-clock]").first().waitFor({ timeout: 20000 });
  const thrown = await page.evaluate(async (base) => {
    const m = await import(base + "campaign-sim-widget.js");
    for (const id of ["good", "unknown", "bad"]) {
      const div = document.createElement("div");
      div.id = id;
      document.body.appendChild(div);
    }
    // The page keeps the handles (a dropped handle unmounts its widget).
    window.__widgets = [
      m.mount(document.getElementById("good"), { lesson: "q10-log-growth", view: "compare", lang: "fr" }),
      m.mount(document.getElementById("unknown"), { lesson: "q99-nope", view: "compare" }),
    ];
    try {
      m.mount(document.getElementById("bad"), { lesson: "../secret", view: "compare" });
      return "no error";
    } catch (e) {
      return String(e.message);
    }
  }, env.server.url);
  // A value that cannot be a lesson id throws at once, like any other option.
  assert.ok(thrown.startsWith('config.lesson: "../secret" is not a lesson id'), thrown);
  const good = page.locator("#good");
  await good.getByTestId("lesson-panel").waitFor({ timeout: 20000 });
  const fr = read("q10-log-growth.fr.json");
  assert.equal(norm(await good.getByTestId("lesson-narration").textContent()), norm(fr.steps[0].narration));
  // An id the index does not list: said in that widget, which still works.
  const error = page.locator("#unknown").getByTestId("lesson-error");
  await error.waitFor({ timeout: 20000 });
  assert.ok(norm(await error.textContent()).startsWith('config.lesson: "q99-nope" is not a lesson (q1-deliveries, '), await error.textContent());
  assert.equal(await page.locator("#unknown").getByTestId("sim-clock").count(), 1);
  // The same through data-lesson names the attribute.
  // (campaign-sim.js mounts it by itself; below the fold, so at once with data-loading="eager".)
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.id = "attr";
    div.setAttribute("data-campaign-sim", "");
    div.setAttribute("data-loading", "eager");
    div.setAttribute("data-lesson", "q99-nope");
    document.body.appendChild(div);
  });
  const attrError = page.locator("#attr").getByTestId("lesson-error");
  await attrError.waitFor({ timeout: 20000 });
  assert.ok(norm(await attrError.textContent()).startsWith('data-lesson: "q99-nope" is not a lesson ('));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
