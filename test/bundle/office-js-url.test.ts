// OFFICE_JS_URL: the real webpack configuration built for an intranet (`--env url=… --env officejs=…`, the bundles'
// entries replaced by a stub so that the build takes seconds): both pages load office.js from the intranet address
// and their Content-Security-Policy allows that origin and no other, and the hosted office.js tree is copied into
// dist/ when it lies under the add-in's URL. (The default build, from Microsoft's CDN, is test/bundle/dist.test.ts.)
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { JSDOM } from "jsdom";
import webpack from "webpack";
import {
  CDN_OFFICE_JS,
  packageDist,
  contentSecurityPolicy,
  hostedFolder,
  officeJsFiles,
  resolveOfficeJsUrl,
} from "../../scripts/office-js.cjs";

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, "../..");
const ADDIN = "https://scorebook.example.gov.cn/addin";
const INTRANET_JS = `${ADDIN}/office-js/office.js`;

interface Built {
  dir: string;
  warnings: string[];
}

/** The real configuration with OFFICE_JS_URL given as `--env officejs`, the entries stubbed, built into a temp dir. */
async function build(env: Record<string, string>): Promise<Built> {
  const dir = mkdtempSync(path.join(tmpdir(), "scorebook-officejs-"));
  const stub = path.join(dir, "stub.js");
  writeFileSync(stub, "document.title = 'stub';\n");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configure = require("../../webpack.config.js") as (e: object, a: object) => Promise<webpack.Configuration>;
  const config = await configure(env, { mode: "production" });
  config.context = ROOT;
  config.entry = { functions: stub, taskpane: stub, preview: stub };
  config.output = { ...config.output, path: path.join(dir, "dist") };
  config.devtool = false;
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => (err || !s ? reject(err ?? new Error("no stats")) : resolve(s))),
  );
  const json = stats.toJson({ all: false, errors: true, warnings: true });
  expect((json.errors ?? []).map((e) => e.message)).toEqual([]);
  return { dir: path.join(dir, "dist"), warnings: (json.warnings ?? []).map((w) => w.message) };
}

function page(dir: string, file: string) {
  const html = readFileSync(path.join(dir, file), "utf8");
  const { document } = new JSDOM(html).window;
  return {
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content"),
    scripts: Array.from(document.querySelectorAll("script")).map((s) => s.getAttribute("src")),
    hosts: [...new Set(html.match(/https?:\/\/[^/"'\s>;]+/g) ?? [])],
  };
}

describe("OFFICE_JS_URL", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(path.dirname(d), { recursive: true, force: true });
  });

  it("on the add-in's own server: both pages load it from there, the CSP allows only that origin, the files are in dist/", async () => {
    const { dir, warnings } = await build({ url: ADDIN, officejs: INTRANET_JS });
    dirs.push(dir);
    for (const file of ["taskpane.html", "pane-only.html"]) {
      const p = page(dir, file);
      expect(p.scripts[0]).toBe(INTRANET_JS);
      expect(p.csp).toBe(
        "default-src 'self'; script-src 'self' https://scorebook.example.gov.cn; style-src 'self' 'unsafe-inline'; " +
          "connect-src 'self'; img-src 'self' data:; font-src 'self'; frame-src https://scorebook.example.gov.cn",
      );
      expect(p.hosts).toEqual(["https://scorebook.example.gov.cn"]); // nothing from Microsoft's CDN
    }
    // The hosted tree: office.js as the package ships it, the Excel files office.js asks for, the locales.
    expect(readFileSync(path.join(dir, "office-js/office.js"))).toEqual(
      readFileSync(path.join(packageDist(), "office.js")),
    );
    for (const f of [
      "excel-win32-16.01.js",
      "excel-web-16.00.js",
      "excel-mac-16.00.js",
      "zh-cn/office_strings.js",
      "en-us/office_strings.js",
      "telemetry/oteljs_agave.js",
      "AgaveErrorUX/index.html",
      "AgaveErrorUX/AgaveErrorUX.js",
      "AgaveErrorUX/style/AgaveErrorUX.css",
    ])
      expect([f, existsSync(path.join(dir, "office-js", f))]).toEqual([f, true]);
    expect(existsSync(path.join(dir, "office-js/word-win32-16.01.js"))).toBe(false);
    expect(existsSync(path.join(dir, "office-js/office.debug.js"))).toBe(false);
    // The copied files are served as shipped (not minified again), and the manifest points at the same server.
    const host = "office-js/excel-win32-16.01.js";
    expect(readFileSync(path.join(dir, host))).toEqual(readFileSync(path.join(packageDist(), "excel-win32-16.01.js")));
    expect(readFileSync(path.join(dir, "manifest.xml"), "utf8")).toContain(`${ADDIN}/taskpane.html`);
    expect(warnings.filter((w) => /office\.js/.test(w))).toEqual([]);
  });

  it("on another server: the pages and CSP follow it, nothing is copied, and the build says where the files must go", async () => {
    const other = "https://static.example.gov.cn/libs/office/office.js";
    const { dir, warnings } = await build({ url: ADDIN, officejs: other });
    dirs.push(dir);
    const p = page(dir, "taskpane.html");
    expect(p.scripts[0]).toBe(other);
    expect(p.csp).toContain("script-src 'self' https://static.example.gov.cn;");
    expect(p.csp).toMatch(/frame-src https:\/\/static\.example\.gov\.cn$/);
    expect(p.hosts).toEqual(["https://static.example.gov.cn"]);
    expect(existsSync(path.join(dir, "office-js"))).toBe(false);
    expect(warnings.join("\n")).toContain("node scripts/office-js.cjs");
  });

  it("defaults to Microsoft's CDN and refuses what office.js or Office cannot use", () => {
    expect(resolveOfficeJsUrl(undefined)).toBe(CDN_OFFICE_JS);
    expect(resolveOfficeJsUrl(" ")).toBe(CDN_OFFICE_JS);
    expect(contentSecurityPolicy(CDN_OFFICE_JS)).toBe(
      "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; " +
        "connect-src 'self'; img-src 'self' data:; font-src 'self'; frame-src https://appsforoffice.microsoft.com",
    );
    expect(() => resolveOfficeJsUrl("http://intranet/office-js/office.js")).toThrow(/https/);
    expect(() => resolveOfficeJsUrl("https://intranet/office-js/")).toThrow(/office\.js/);
    expect(() => resolveOfficeJsUrl("https://intranet/office-js/office.js?v=1")).toThrow(/plain URL/);
    expect(() => resolveOfficeJsUrl("office-js/office.js")).toThrow(/not a URL/);
    expect(hostedFolder(INTRANET_JS, ADDIN)).toBe("office-js");
    expect(hostedFolder("https://scorebook.example.gov.cn/other/office.js", ADDIN)).toBeNull();
    expect(() => hostedFolder(`${ADDIN}/office.js`, ADDIN)).toThrow(/folder of its own/);
  });

  it("the hosted tree holds a file for every locale office.js supports", () => {
    const js = readFileSync(path.join(packageDist(), "office.js"), "utf8");
    const block = /SupportedLocales\s*=\s*\{([^}]*)\}/.exec(js)![1];
    const locales = [...block.matchAll(/"([a-z-]+)"\s*:/g)].map((m) => m[1]);
    expect(locales).toContain("zh-cn");
    const files = new Set(officeJsFiles().map(([, to]) => to));
    for (const l of locales) expect([l, files.has(`${l}/office_strings.js`)]).toEqual([l, true]);
  });
});
