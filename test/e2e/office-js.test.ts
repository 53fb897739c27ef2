// office.js on an intranet, in headless Chromium. (1) The hosted tree that scripts/office-js.cjs copies from
// @microsoft/office-js serves every file office.js asks for when Office opens a page (Office's `_host_Info` for
// Windows, the web and the Mac, Chinese and English), all from the one server. (2) The built taskpane.html opened by
// Office while office.js cannot be reached shows, in Chinese, that office.js did not load — not the in-memory preview,
// whose buttons would seem to work. Skipped without Chromium or a build, except under CI=true.
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { chromium, type Browser } from "playwright-core";
import { copyOfficeJs } from "../../scripts/office-js.cjs";
import { servePreview, type PreviewServer } from "../../scripts/serve-preview";
import { describeInPreview, OUT, previewSession } from "../helpers/preview-browser";

jest.setTimeout(120_000);

describeInPreview("office.js from the add-in's own server", () => {
  let dir: string;
  let server: PreviewServer;
  let browser: Browser;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "scorebook-hosted-"));
    copyOfficeJs(path.join(dir, "office-js"));
    writeFileSync(path.join(dir, "page.html"), '<!doctype html><script src="office-js/office.js"></script><p>page</p>');
    server = await servePreview(dir);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["Excel$Win32$16.01$zh-CN$$$$0", "excel-win32-16.01.js", "zh-cn"],
    ["Excel$Web$16.00$zh-CN$$$$0", "excel-web-16.00.js", "zh-cn"],
    ["Excel$Mac$16.00$en-US$$$$0", "excel-mac-16.00.js", "en-us"],
  ])(
    "opened by Office (%s): office.js loads %s and its %s strings, every file from the same server",
    async (info, hostFile, locale) => {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("requestfinished", (r) => void r.response().then((res) => requests.push(`${res?.status()} ${r.url()}`)));
      page.on("requestfailed", (r) => requests.push(`failed ${r.url()}`));
      const hostLoaded = page.waitForResponse((r) => r.url().endsWith(`/office-js/${hostFile}`));
      await page.goto(`${server.url}/page.html?_host_Info=${info}`);
      expect((await hostLoaded).status()).toBe(200);
      await page.waitForLoadState("networkidle");
      await page.close();
      const base = `${server.url}/office-js/`;
      expect(requests).toEqual(
        expect.arrayContaining([`200 ${base}${hostFile}`, `200 ${base}${locale}/office_strings.js`]),
      );
      expect(requests.filter((r) => !r.startsWith(`200 ${server.url}/`))).toEqual([]);
    },
  );
});

describeInPreview("the task pane opened by Office without office.js", () => {
  const { openPage } = previewSession();

  it("says in Chinese (English beside) that office.js did not load, names the address, and starts no preview", async () => {
    // This machine has no internet, so Microsoft's CDN fails anyway; aborting it keeps the test the same elsewhere.
    const page = await openPage("taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0", {
      block: "https://appsforoffice.microsoft.com/**",
    });
    await page.getByRole("heading", { name: "无法连接 Excel：office.js 未能加载" }).waitFor();
    const text = await page.locator("#root").innerText();
    expect(text).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(text).toContain("Cannot reach Excel: office.js did not load");
    expect(await page.locator("#root [role=tablist]").count()).toBe(0);
    expect(text).not.toContain("预览");
    await page.screenshot({ path: path.join(OUT, "office-js-missing.png") });
  });

  it("opened outside Office (no host info), the same page still starts the in-memory preview", async () => {
    const page = await openPage("taskpane.html", { block: "https://appsforoffice.microsoft.com/**" });
    await page.locator("#root [role=tablist]").waitFor();
    expect(await page.getByText("无法连接 Excel").count()).toBe(0);
  });
});
