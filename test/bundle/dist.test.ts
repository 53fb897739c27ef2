/**
 * @jest-environment jsdom
 */
// What `npm run build` put in dist/: every file the manifest names, functions.json as pinned, a self-contained
// functions.js within its size budget that registers each function once, the task pane page with its CSP, and the
// manifest with the production URL. Skipped when dist/ has not been built, except under CI=true (.ci/run builds
// before it tests).
import { existsSync, readFileSync, readdirSync } from "fs";
import path from "path";
import { runInNewContext } from "vm";
import { gzipSync } from "zlib";
import { library } from "../../src/core";
import { DEV_URL, rewriteUrls } from "../../scripts/addin-url.cjs";
import { contentSecurityPolicy, resolveOfficeJsUrl } from "../../scripts/office-js.cjs";
import { checkManifest, facts } from "../manifest/check-manifest";
import { StubError } from "../functions/cf-stub";
import { describeWithBuild } from "../helpers/tier";

const ROOT = path.join(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
const maybe = describeWithBuild("functions.js");

const read = (f: string) => readFileSync(path.join(DIST, f), "utf8");
// Microsoft's CDN unless the build was given OFFICE_JS_URL (test/bundle/office-js-url.test.ts builds with one).
const OFFICE_JS = resolveOfficeJsUrl(process.env.OFFICE_JS_URL);
const CSP = contentSecurityPolicy(OFFICE_JS);

maybe("dist/ (npm run build)", () => {
  it("has the task pane page, the functions, their metadata, the manifest, the support page and the icons", () => {
    for (const f of [
      "taskpane.html",
      "functions.js",
      "functions.json",
      "manifest.xml",
      "support.html",
      "pane-only.html",
      "manifest-pane-only.xml",
      "legacy.js",
    ])
      expect(existsSync(path.join(DIST, f))).toBe(true);
    expect(readdirSync(path.join(DIST, "assets")).sort()).toEqual([
      "icon-128.png",
      "icon-16.png",
      "icon-32.png",
      "icon-64.png",
      "icon-80.png",
    ]);
  });

  it("every dist/*.js parses as ES2020 (no class static blocks, ??= or other later syntax: older web views run them)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const acorn = require("acorn") as { parse: (s: string, o: object) => unknown };
    const parse = (js: string) => acorn.parse(js, { ecmaVersion: 2020, sourceType: "script" });
    expect(() => parse("class A { static { init(); } }")).toThrow(); // the check can fail: ES2022
    expect(() => parse("a ??= b;")).toThrow(); // ES2021
    const files = readdirSync(DIST).filter((f) => f.endsWith(".js"));
    expect(files.some((f) => f.startsWith("fluentui."))).toBe(true);
    for (const f of files) {
      let error = "";
      try {
        parse(read(f));
      } catch (e) {
        error = (e as Error).message;
      }
      expect([f, error]).toEqual([f, ""]);
    }
  });

  it("functions.json is the pinned metadata", () => {
    const golden = JSON.parse(readFileSync(path.join(ROOT, "test/functions/functions.golden.json"), "utf8"));
    expect(JSON.parse(read("functions.json"))).toEqual(golden);
  });

  it("functions.js alone registers every id of functions.json exactly once, and computes like the engine", () => {
    const ids = (JSON.parse(read("functions.json")).functions as { id: string }[]).map((f) => f.id);
    const registered = new Map<string, (...a: unknown[]) => unknown>();
    const CustomFunctions = {
      associate: (id: string, fn: (...a: unknown[]) => unknown) => {
        if (registered.has(id)) throw new Error(`${id} associated twice`);
        registered.set(id, fn);
      },
      Error: StubError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    };
    runInNewContext(read("functions.js"), { CustomFunctions });
    expect([...registered.keys()].sort()).toEqual([...ids].sort());
    const call = (id: string, ...args: unknown[]) => registered.get(id)!(...args);
    expect(call("STATUS", 550, 500, false, null)).toBe("候选");
    expect(call("FINAL", 512.9, 565.9, null, null, null)).toBe(550);
    expect(call("RANK", 650, [[700], [650], [650], [600]], null)).toBe(2);
    expect(() => call("ITEMSCORE", 60, 0.47, null)).toThrow("成熟度 47% 不是 5% 的整数倍");
  });

  it("functions.js stays within 60 KB gzip and carries no React, ExcelJS, ajv or rubric text", () => {
    const js = read("functions.js");
    expect(gzipSync(js).length).toBeLessThanOrEqual(60 * 1024);
    expect(js).not.toContain("webpackChunk"); // self-contained: no chunk loading
    for (const marker of [
      "react.production",
      "__SECRET_INTERNALS",
      "ExcelJS",
      "strictSchema",
      "must have required property",
    ])
      expect(js).not.toContain(marker);
    // Rubric text: item names and the start of every scoring point, where the award files do not have them too.
    const awards = [
      readFileSync(path.join(ROOT, "rubrics/awards/hebei-2022.json"), "utf8"),
      readFileSync(path.join(ROOT, "rubrics/awards/jiangmen-2022.json"), "utf8"),
    ].join();
    const items = library().rubrics.flatMap((r) => r.items);
    const texts = [...items.map((i) => i.name), ...items.flatMap((i) => i.guidance.map((g) => g.slice(0, 20)))].filter(
      (t) => t.length >= 4 && !awards.includes(t),
    );
    expect(texts.length).toBeGreaterThan(300);
    for (const t of texts) expect(js.includes(t) ? t : null).toBeNull();
  });

  it("taskpane.html: the CSP, office.js (Microsoft's CDN by default) first, then functions.js, then the task pane; no other host", () => {
    document.documentElement.innerHTML = read("taskpane.html").replace(/^<!doctype html>/i, "");
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")).toBe(CSP);
    const scripts = Array.from(document.querySelectorAll("script")).map((s) => s.getAttribute("src")!);
    expect(scripts[0]).toBe(OFFICE_JS);
    expect(scripts[1]).toBe("legacy.js"); // plain ES5, before anything an old web view cannot parse
    expect(scripts[2]).toBe("functions.js");
    expect(scripts.some((s) => /^taskpane(\.[0-9a-f]{8})?\.js$/.test(s))).toBe(true);
    for (const s of scripts.slice(1)) expect(existsSync(path.join(DIST, s))).toBe(true);
    expect(document.querySelectorAll("script:not([src])")).toHaveLength(0); // no inline script: the CSP forbids it
    const hosts = new Set((read("taskpane.html").match(/https?:\/\/[^/"'\s>;]+/g) ?? []).map((u) => new URL(u).host));
    expect([...hosts]).toEqual([new URL(OFFICE_JS).host]);
  });

  it("manifest.xml is the source manifest with one base URL everywhere (ADDIN_URL, or localhost when unset), and passes every check", () => {
    const xml = read("manifest.xml");
    const base = facts(xml).urls["Taskpane.Url"].replace(/\/taskpane\.html$/, "");
    expect(base.startsWith("https://")).toBe(true);
    expect(xml).toBe(
      base === DEV_URL
        ? readFileSync(path.join(ROOT, "manifest.xml"), "utf8")
        : rewriteUrls(readFileSync(path.join(ROOT, "manifest.xml"), "utf8"), base),
    );
    expect(checkManifest(xml)).toEqual([]);
    if (process.env.ADDIN_URL) expect(base).toBe(process.env.ADDIN_URL.replace(/\/+$/, ""));
  });

  it("functions.en-US.json is functions.json with the English texts", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { englishMetadata } = require("../../scripts/functions-en.cjs") as { englishMetadata: (j: string) => string };
    expect(JSON.parse(read("functions.en-US.json"))).toEqual(JSON.parse(englishMetadata(read("functions.json"))));
  });

  it("manifest-pane-only.xml has the same base URL, opens pane-only.html, and passes every check", () => {
    const full = facts(read("manifest.xml")).urls["Taskpane.Url"].replace(/\/taskpane\.html$/, "");
    const xml = read("manifest-pane-only.xml");
    const base = facts(xml).urls["Taskpane.Url"].replace(/\/pane-only\.html$/, "");
    expect(base).toBe(full);
    expect(xml).toBe(
      base === DEV_URL
        ? readFileSync(path.join(ROOT, "manifest-pane-only.xml"), "utf8")
        : rewriteUrls(readFileSync(path.join(ROOT, "manifest-pane-only.xml"), "utf8"), base),
    );
    expect(checkManifest(xml, "pane-only")).toEqual([]);
  });

  it("pane-only.html loads office.js, legacy.js and the pane, but not the functions, and says it is pane-only", () => {
    document.documentElement.innerHTML = read("pane-only.html").replace(/^<!doctype html>/i, "");
    const scripts = Array.from(document.querySelectorAll("script")).map((s) => s.getAttribute("src")!);
    expect(scripts.slice(0, 2)).toEqual([OFFICE_JS, "legacy.js"]);
    expect(scripts).not.toContain("functions.js");
    expect(scripts.some((s) => /^taskpane(\.[0-9a-f]{8})?\.js$/.test(s))).toBe(true);
    for (const s of scripts.slice(1)) expect(existsSync(path.join(DIST, s))).toBe(true);
    expect(document.querySelectorAll("script:not([src])")).toHaveLength(0);
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")).toBe(CSP);
    expect(document.querySelector('meta[name="scorebook-manifest"]')!.getAttribute("content")).toBe("pane-only");
  });
});
