// Headless Chromium (playwright-core, Debian's /usr/bin/chromium) against the built preview (dist/preview.html from
// `npm run build`, served on 127.0.0.1), for the end-to-end tests. Skipped without Chromium or a build, except under
// CI=true where a missing install or build fails. Every request off the page's origin and every console error is kept
// for the tests to assert on.
import { existsSync, mkdirSync } from "fs";
import path from "path";
import type { Browser, Page } from "playwright-core";
import { servePreview, type PreviewServer } from "../../scripts/serve-preview";
import { CI, unitOnly } from "./tier";

export const ROOT = path.join(__dirname, "../..");
export const DIST = process.env.PREVIEW_DIST ?? path.join(ROOT, "dist");
/** Screenshots and downloads (git-ignored). */
export const OUT = path.join(ROOT, "test/output");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
const built = existsSync(path.join(DIST, "preview.html"));
if (CI && !unitOnly && !haveChromium)
  throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for the end-to-end tests`);
if (CI && !unitOnly && !built) throw new Error("dist/preview.html is missing: npm test builds it before jest");

export const describeInPreview: jest.Describe = !unitOnly && haveChromium && built ? describe : describe.skip;

export interface PreviewSession {
  /** Requests that left the page's own origin. */
  foreign: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  open: (query?: string) => Promise<Page>;
  /**
   * Another page of dist/ (e.g. taskpane.html, with a query), optionally as another browser (user agent) and with
   * requests to some URLs (a glob) aborted; nothing awaited.
   */
  openPage: (file: string, options?: { userAgent?: string; block?: string }) => Promise<Page>;
}

/** Starts the preview server and Chromium for the enclosing describe block (beforeAll / afterAll). */
export function previewSession(): PreviewSession {
  let server: PreviewServer;
  let browser: Browser;
  const foreign: string[] = [];
  const errors: string[] = [];
  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    mkdirSync(OUT, { recursive: true });
    server = await servePreview(DIST);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    foreign,
    errors,
    async open(query = "") {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
      page.on("request", (r) => {
        if (!r.url().startsWith(`${server.url}/`) && !r.url().startsWith("blob:") && !r.url().startsWith("data:"))
          foreign.push(r.url());
      });
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${server.url}/preview.html${query}`);
      await page.locator("#pane h1").waitFor();
      return page;
    },
    async openPage(file, options = {}) {
      const context = await browser.newContext({ viewport: { width: 400, height: 700 }, userAgent: options.userAgent });
      const page = await context.newPage();
      if (options.block) await page.route(options.block, (route) => route.abort());
      page.on("pageerror", (e) => errors.push(`${file}: ${e.message}`));
      await page.goto(`${server.url}/${file}`);
      return page;
    },
  };
}
