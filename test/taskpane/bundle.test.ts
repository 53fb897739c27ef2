/**
 * @jest-environment jsdom
 */
// The production build of the task pane (npm run build): its start-up code within 350 KB gzip with neither ExcelJS
// nor ajv in it (ExcelJS is a chunk loaded on demand), and the preview page as closed as the task pane (its own files
// only, no office.js). Skipped when dist/ has not been built, except under CI=true (.ci/run builds first).
import { existsSync, readFileSync } from "fs";
import path from "path";
import { BUDGET, measure } from "../../scripts/bench-taskpane";
import { describeWithBuild } from "../helpers/tier";
import { resolveOfficeJsUrl } from "../../scripts/office-js.cjs";

const DIST = path.join(__dirname, "../../dist");
const maybe = describeWithBuild("taskpane.html", "preview.html");

maybe("task pane bundle (dist/)", () => {
  it("loads at most 350 KB gzip of JavaScript at start-up (office.js aside), without ExcelJS or ajv", () => {
    const m = measure(DIST);
    expect(m.external).toEqual([resolveOfficeJsUrl(process.env.OFFICE_JS_URL)]);
    expect(m.initial.map((s) => s.file).slice(0, 2)).toEqual(["legacy.js", "functions.js"]);
    expect(m.total.gzip).toBeLessThanOrEqual(BUDGET);
    for (const s of m.initial) {
      const js = readFileSync(path.join(DIST, s.file), "utf8");
      for (const marker of ["strictSchema", "must have required property", "ExcelJS", "sharedStrings.xml"])
        expect([s.file, marker, js.includes(marker)]).toEqual([s.file, marker, false]);
    }
    expect(m.lazy.map((s) => s.file).some((f) => /^exceljs\./.test(f))).toBe(true);
    expect(m.lazy.map((s) => s.file).some((f) => /^xlsx\./.test(f))).toBe(true);
  });

  it("preview.html: the same closed CSP without office.js, only its own scripts", () => {
    document.documentElement.innerHTML = readFileSync(path.join(DIST, "preview.html"), "utf8").replace(
      /^<!doctype html>/i,
      "",
    );
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; font-src 'self'",
    );
    const scripts = Array.from(document.querySelectorAll("script")).map((s) => s.getAttribute("src")!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(existsSync(path.join(DIST, s))).toBe(true);
    expect(readFileSync(path.join(DIST, "preview.html"), "utf8")).not.toMatch(/https?:\/\//);
  });
});
