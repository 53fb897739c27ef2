/**
 * @jest-environment jsdom
 */
// manifest.xml checked offline (the online validator cannot run in CI), plus xmllint when it is installed
// (required under CI=true, where .ci/run installs it).
import { execFileSync, spawnSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import path from "path";
import { DEV_URL, resolveAddinUrl, rewriteUrls } from "../../scripts/addin-url.cjs";
import { checkManifest, facts } from "./check-manifest";

const ROOT = path.join(__dirname, "../..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const xml = readFileSync(MANIFEST, "utf8");
const PANE_ONLY = path.join(ROOT, "manifest-pane-only.xml");
const paneXml = readFileSync(PANE_ONLY, "utf8");

function hasXmllint(): boolean {
  return spawnSync("xmllint", ["--version"]).status === 0;
}

describe("manifest.xml (offline checks)", () => {
  it("passes every check: element order, resids, https, string limits, one long-lived shared runtime", () => {
    expect(checkManifest(xml)).toEqual([]);
  });

  it("is well-formed for xmllint too", () => {
    if (!hasXmllint()) {
      if (process.env.CI === "true") throw new Error("xmllint is missing (apt-get install libxml2-utils)");
      return;
    }
    expect(() => execFileSync("xmllint", ["--noout", MANIFEST], { stdio: "pipe" })).not.toThrow();
  });

  it("declares the QA namespace, the function files and the icons that exist", () => {
    const f = facts(xml);
    expect(f.runtimeResid).toBe("Taskpane.Url");
    const ns = f.doc.getElementsByTagNameNS("*", "Namespace")[0].getAttribute("resid")!;
    expect(f.shortStrings[ns]).toBe("QA");
    expect(f.urls["Functions.Script.Url"]).toBe(`${DEV_URL}/functions.js`);
    expect(f.urls["Functions.Metadata.Url"]).toBe(`${DEV_URL}/functions.json`);
    // English Office reads the English metadata (functions.en-US.json, written by the build).
    const meta = Array.from(f.doc.getElementsByTagNameNS("*", "Url")).find(
      (u) => u.getAttribute("id") === "Functions.Metadata.Url",
    )!;
    const en = Array.from(meta.children).find((c) => c.getAttribute("Locale") === "en-US");
    expect(en?.getAttribute("Value")).toBe(`${DEV_URL}/functions.en-US.json`);
    expect(f.urls["Taskpane.Url"]).toBe(`${DEV_URL}/taskpane.html`);
    // Every URL is on the add-in's own host: one replacement moves them all.
    const all = [
      ...Object.values(f.urls),
      ...Object.values(f.images),
      ...Array.from(f.doc.querySelectorAll("[DefaultValue^='https://']")).map((e) => e.getAttribute("DefaultValue")!),
    ];
    for (const u of all) expect(u.startsWith(`${DEV_URL}/`)).toBe(true);
    // Icons: the files exist with the size the manifest says.
    const icons = [
      ...Object.values(f.images),
      ...["IconUrl", "HighResolutionIconUrl"].map((n) =>
        f.doc.getElementsByTagNameNS("*", n)[0].getAttribute("DefaultValue")!,
      ),
    ];
    for (const u of icons) {
      const file = path.join(ROOT, u.slice(DEV_URL.length + 1));
      expect(existsSync(file)).toBe(true);
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      const size = Number(/icon-(\d+)\.png$/.exec(u)![1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    for (const [id, size] of [
      ["Icon.16x16", 16],
      ["Icon.32x32", 32],
      ["Icon.80x80", 80],
    ] as const)
      expect(f.images[id]).toBe(`${DEV_URL}/assets/icon-${size}.png`);
  });

  it("catches the mistakes it is meant to catch", () => {
    const broken = (from: string, to: string) => {
      expect(xml.includes(from)).toBe(true);
      return checkManifest(xml.replace(from, to));
    };
    expect(broken("<Permissions>", "<Permissions>x")[0]).toMatch(/Permissions/);
    expect(broken('resid="Group.Label"', 'resid="Group.Nope"')).toEqual(
      expect.arrayContaining([expect.stringMatching(/"Group.Nope" is not defined/)]),
    );
    expect(broken(`${DEV_URL}/functions.json`, "http://localhost:3000/functions.json")).toEqual(
      expect.arrayContaining([expect.stringMatching(/not https/)]),
    );
    expect(broken('lifetime="long"', 'lifetime="short"')).toContain("Runtime: lifetime must be long");
    expect(
      broken(
        '<Page>\n              <SourceLocation resid="Taskpane.Url"/>',
        '<Page>\n              <SourceLocation resid="Functions.Script.Url"/>',
      )[0],
    ).toMatch(/CustomFunctions Page/);
    expect(broken("<TaskpaneId>Scorebook.Taskpane</TaskpaneId>", "")[0]).toMatch(/TaskpaneId/);
    expect(broken('DefaultValue="QA"', 'DefaultValue="QUALITYAWARDSCOREBOOKFUNCTIONSNAMESPACE"')[0]).toMatch(
      /namespace: 39 characters, more than 32/,
    );
    expect(broken('<Set Name="CustomFunctionsRuntime" MinVersion="1.2"/>', "")).toContain(
      "Requirements: needs CustomFunctionsRuntime 1.2",
    );
    // CustomFunctions.Error is CustomFunctionsRuntime 1.2: 1.1 is not enough.
    expect(
      broken(
        '<Set Name="CustomFunctionsRuntime" MinVersion="1.2"/>',
        '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>',
      ),
    ).toContain("Requirements: needs CustomFunctionsRuntime 1.2");
    // English Office: every name, description and string has its en-US override, in English.
    expect(broken('<Override Locale="en-US" Value="Scorebook review assistant"/>', "")).toContain(
      "DisplayName: no en-US <Override>",
    );
    expect(
      broken(
        '<bt:Override Locale="en-US" Value="Quality award review"/>',
        '<bt:Override Locale="en-US" Value="质量奖评审"/>',
      ),
    ).toContain("ShortStrings Group.Label: the en-US override is not in English");
    const longTip = "很".repeat(251);
    expect(broken('DefaultValue="打开 Scorebook', `DefaultValue="${longTip}`)[0]).toMatch(
      /LongStrings TaskpaneButton.Tooltip: 2\d\d characters, more than 250/,
    );
    // Element order: Permissions before DefaultSettings.
    const swapped = xml.replace(
      /(\s*<DefaultSettings>[\s\S]*?<\/DefaultSettings>)(\s*<Permissions>ReadWriteDocument<\/Permissions>)/,
      "$2$1",
    );
    expect(swapped).not.toBe(xml);
    expect(checkManifest(swapped)).toEqual(expect.arrayContaining([expect.stringMatching(/out of order/)]));
    expect(checkManifest(xml.replace("</OfficeApp>", ""))[0]).toMatch(/not well-formed/);
  });
});

describe("the production URL (ADDIN_URL / --env url=)", () => {
  it("accepts https base URLs, without a trailing slash", () => {
    expect(resolveAddinUrl(undefined)).toBeNull();
    expect(resolveAddinUrl("  ")).toBeNull();
    expect(resolveAddinUrl("https://scorebook.example.gov.cn/")).toBe("https://scorebook.example.gov.cn");
    expect(resolveAddinUrl("https://example.org/addins/scorebook//")).toBe("https://example.org/addins/scorebook");
    expect(resolveAddinUrl("https://example.org:8443")).toBe("https://example.org:8443");
  });

  it("refuses http, non-URLs and URLs with a query or credentials", () => {
    expect(() => resolveAddinUrl("http://example.org")).toThrow(/https/);
    expect(() => resolveAddinUrl("example.org")).toThrow(/not a URL/);
    expect(() => resolveAddinUrl("https://example.org/?v=1")).toThrow(/plain base URL/);
    expect(() => resolveAddinUrl("https://u:p@example.org")).toThrow(/plain base URL/);
  });

  it("replaces the development URL everywhere, and the result still passes every check", () => {
    const prod = rewriteUrls(xml, "https://scorebook.example.gov.cn/addin");
    expect(prod).not.toContain("localhost");
    expect(prod.split("https://scorebook.example.gov.cn/addin/").length - 1).toBe(xml.split(`${DEV_URL}/`).length - 1);
    expect(checkManifest(prod)).toEqual([]);
  });
});

describe("manifest-pane-only.xml (offline checks)", () => {
  it("passes every check: element order, resids, https, string limits, en-US overrides, no runtime", () => {
    expect(checkManifest(paneXml, "pane-only")).toEqual([]);
    // …and is not mistaken for the full one.
    expect(checkManifest(paneXml, "full")).toEqual(
      expect.arrayContaining([
        "Requirements: needs SharedRuntime 1.1",
        "Requirements: needs CustomFunctionsRuntime 1.2",
      ]),
    );
    expect(checkManifest(xml, "pane-only")).toEqual(
      expect.arrayContaining(["Requirements: must not require SharedRuntime", "Requirements: needs ExcelApi 1.1"]),
    );
  });

  it("is well-formed for xmllint too", () => {
    if (!hasXmllint()) {
      if (process.env.CI === "true") throw new Error("xmllint is missing (apt-get install libxml2-utils)");
      return;
    }
    expect(() => execFileSync("xmllint", ["--noout", PANE_ONLY], { stdio: "pipe" })).not.toThrow();
  });

  it("opens the pane-only page, requires ExcelApi 1.1 only, and is its own add-in beside the full one", () => {
    const f = facts(paneXml);
    const full = facts(xml);
    expect(f.urls).toEqual({
      "Taskpane.Url": `${DEV_URL}/pane-only.html`,
      "GetStarted.LearnMoreUrl": `${DEV_URL}/support.html`,
    });
    expect(f.images).toEqual(full.images);
    const sets = Array.from(f.doc.getElementsByTagNameNS("*", "Set")).map(
      (s) => `${s.getAttribute("Name")} ${s.getAttribute("MinVersion")}`,
    );
    expect(sets).toEqual(["ExcelApi 1.1"]);
    const text = (d: Document, n: string) => d.getElementsByTagNameNS("*", n)[0].textContent;
    expect(text(f.doc, "Id")).not.toBe(text(full.doc, "Id"));
    expect(text(f.doc, "Version")).toBe(text(full.doc, "Version"));
    expect(paneXml.replace(/<!--[\s\S]*?-->/g, "")).not.toMatch(/QA\.|functions\.js|functions\.json/);
  });

  it("catches the mistakes it is meant to catch", () => {
    const broken = (from: string, to: string) => {
      expect(paneXml.includes(from)).toBe(true);
      return checkManifest(paneXml.replace(from, to), "pane-only");
    };
    expect(broken('<Set Name="ExcelApi" MinVersion="1.1"/>', '<Set Name="SharedRuntime" MinVersion="1.1"/>')).toEqual(
      expect.arrayContaining(["Requirements: needs ExcelApi 1.1", "Requirements: must not require SharedRuntime"]),
    );
    expect(
      broken(
        "<DesktopFormFactor>",
        '<Runtimes><Runtime resid="Taskpane.Url" lifetime="long"/></Runtimes><DesktopFormFactor>',
      ),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/a pane-only manifest has none/)]));
    expect(
      broken(`${DEV_URL}/pane-only.html"/>\n  </DefaultSettings>`, `${DEV_URL}/taskpane.html"/>\n  </DefaultSettings>`),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/differs from the pane/)]));
    expect(broken('<Override Locale="en-US" Value="Scorebook review assistant (task pane only)"/>', "")).toContain(
      "DisplayName: no en-US <Override>",
    );
  });

  it("takes the production URL like the full one", () => {
    const prod = rewriteUrls(paneXml, "https://scorebook.example.gov.cn/addin");
    expect(prod).not.toContain("localhost");
    expect(checkManifest(prod, "pane-only")).toEqual([]);
  });
});
