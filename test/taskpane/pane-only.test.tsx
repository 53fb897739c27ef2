/**
 * @jest-environment jsdom
 */
// The pane as the pane-only manifest loads it (dist/pane-only.html: no shared runtime, no QA.* functions, no
// `CustomFunctions` at all) in an Excel like volume-licensed Excel 2019 (ExcelApi up to 1.8), over the fake Excel
// (office-addin-mock): the start-up requirement check says in Chinese what this Excel lacks, the custom formula mode
// is not offered, and a generated scoring workbook has plain formulas only. The full page reports a missing
// custom-functions runtime the same way. An old web view (IE11, Edge Legacy) gets legacy.js's message, not a blank pane.
import { act } from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { readFileSync } from "fs";
import path from "path";
import { library } from "../../src/core";
import { isPaneOnlyPage, officeEnvironment } from "../../src/excel/env";
import { OfficeWorkbookHost } from "../../src/excel/host";
import { HostUnsupportedError } from "../../src/host/types";
import { App } from "../../src/taskpane/App";
import { SHEET } from "../../src/workbook";
import { FakeExcel } from "../excel/fake-excel";
import { TextDecoder, TextEncoder } from "util";

Object.assign(globalThis, { TextEncoder, TextDecoder, IS_REACT_ACT_ENVIRONMENT: true });
jest.setTimeout(60_000);

const lib = library();
const g = globalThis as Record<string, unknown>;

/** ExcelApi up to `max` (volume-licensed Excel 2019: 1.8), and the other sets as given. */
function excel(max: number, others: Record<string, boolean> = {}) {
  return (set: string, version: string) =>
    set === "ExcelApi" ? Number(version.split(".")[1]) <= Math.round((max % 1) * 10) : (others[set] ?? false);
}

function officeGlobal(isSetSupported: (set: string, version: string) => boolean) {
  g.Office = { context: { displayLanguage: "zh-CN", requirements: { isSetSupported } } };
}

function paneOnlyMeta(on: boolean) {
  document.head.querySelector('meta[name="scorebook-manifest"]')?.remove();
  if (!on) return;
  const m = document.createElement("meta");
  m.name = "scorebook-manifest";
  m.content = "pane-only";
  document.head.appendChild(m);
}

afterEach(() => {
  delete g.Office;
  delete g.CustomFunctions;
  paneOnlyMeta(false);
});

const panel = (id: string) => document.getElementById(`panel-${id}`)!;

describe("the pane-only page in volume-licensed Excel 2019 (ExcelApi 1.8, no custom functions)", () => {
  it("says what this Excel lacks, hides the custom formula mode and generates plain formulas", async () => {
    paneOnlyMeta(true);
    expect(isPaneOnlyPage()).toBe(true);
    const sets = excel(1.8);
    officeGlobal(sets);
    expect(g.CustomFunctions).toBeUndefined();
    const env = officeEnvironment();
    expect(env.customFunctions).toBe(false);
    // Only what the pane uses is reported: not the custom-function sets the pane-only manifest never offers.
    expect(env.lacking!.map((r) => `${r.set} ${r.version}`)).toEqual(["ExcelApi 1.9"]);

    const fake = new FakeExcel(["Sheet1"]);
    const host = new OfficeWorkbookHost(fake.api({ "ExcelApi 1.9": false }));
    render(<App host={host} lib={lib} env={env} />);
    const banner = await screen.findByTestId("lacking");
    expect(banner.textContent).toContain("此版本的 Excel 缺少以下功能");
    expect(banner.textContent).toContain("ExcelApi 1.9：生成时的打印设置");
    expect(screen.queryByText(/加载项函数 QA/)).toBeNull();
    expect(within(panel("generate")).getByText(/普通 Excel 公式/)).toBeTruthy();

    const form = within(panel("generate"));
    fireEvent.change(form.getByLabelText("奖项"), { target: { value: "hebei-2022" } });
    fireEvent.change(form.getByLabelText("评价标准", { exact: false }), { target: { value: "hebei-organization" } });
    fireEvent.change(form.getByLabelText(/申报单位/), { target: { value: "河北某某科技股份有限公司" } });
    fireEvent.change(form.getByLabelText(/评审专家/), { target: { value: "李四" } });
    await act(async () => {
      fireEvent.click(form.getByRole("button", { name: "生成评分表" }));
    });
    await waitFor(() => expect(fake.sheets.some((s) => s.name === SHEET.scoring)).toBe(true));
    const formulas = fake.sheets.flatMap((s) =>
      [...s.cells.values()].map((c) => c.formula).filter((f): f is string => typeof f === "string"),
    );
    expect(formulas.length).toBeGreaterThan(50);
    expect(formulas.filter((f) => /QA\./i.test(f))).toEqual([]);

    // The summary tab offers plain formulas only, too.
    expect(within(panel("summary")).queryByText(/加载项函数 QA/)).toBeNull();
  });

  it("in volume-licensed Excel 2016 (ExcelApi 1.1) says that nothing can be generated, and why", () => {
    paneOnlyMeta(true);
    officeGlobal(excel(1.1));
    const env = officeEnvironment();
    expect(env.lacking!.map((r) => `${r.set} ${r.version}`)).toEqual([
      "ExcelApi 1.4",
      "ExcelApi 1.7",
      "ExcelApi 1.8",
      "ExcelApi 1.9",
    ]);
    const host = new OfficeWorkbookHost(new FakeExcel().api({ "ExcelApi 1.7": false, "ExcelApi 1.8": false }));
    render(<App host={host} lib={lib} env={env} />);
    const banner = screen.getByTestId("lacking");
    expect(banner.textContent).toContain("ExcelApi 1.8：在工作簿中生成评分表和汇总表");
    expect(banner.textContent).toContain("ExcelApi 1.4：读取工作簿");
    expect(banner.textContent).toContain("scorebook generate");
  });

  it("without ExcelApi 1.4 the host reads nothing and says why in Chinese; protection needs 1.2, a password 1.7", async () => {
    const fake = new FakeExcel();
    const host = new OfficeWorkbookHost(fake.api({ "ExcelApi 1.4": false, "ExcelApi 1.7": false }));
    const runs = fake.runs;
    const e = await host.read(["Sheet1"]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HostUnsupportedError);
    expect((e as HostUnsupportedError).zh).toContain("此版本的 Excel 不支持这项操作（需要 ExcelApi 1.4）");
    await expect(host.listSheets()).rejects.toBeInstanceOf(HostUnsupportedError);
    const protection = { allowFormatColumns: false, allowFormatRows: false };
    const pw = await host
      .protect([{ sheet: "Sheet1", protection: { ...protection, password: "pw" }, lock: [] }])
      .catch((x: unknown) => x);
    expect((pw as HostUnsupportedError).requirement).toBe("ExcelApi 1.7");
    expect(fake.runs).toBe(runs); // nothing was sent to Excel
    // The pane shows the Chinese message, not the English one.
    render(<App host={host} lib={lib} env={{ lang: "zh-CN", theme: null }} />);
    expect((await screen.findByRole("alert")).textContent).toContain("需要 ExcelApi 1.4");
  });
});

describe("the full page", () => {
  it("reports a missing custom-functions runtime and falls back to plain formulas", () => {
    officeGlobal(excel(1.9, { SharedRuntime: true, CustomFunctionsRuntime: false }));
    g.CustomFunctions = {};
    const env = officeEnvironment();
    expect(env.customFunctions).toBe(false);
    expect(env.lacking!.map((r) => `${r.set} ${r.version}`)).toEqual(["CustomFunctionsRuntime 1.2"]);
    render(<App host={new OfficeWorkbookHost(new FakeExcel().api())} lib={lib} env={env} />);
    expect(screen.getByTestId("lacking").textContent).toContain("CustomFunctionsRuntime 1.2：加载项函数 QA.*");
    expect(screen.queryByText(/加载项函数 QA.*（需要本加载项）/)).toBeNull();
  });

  it("with everything present offers both formula modes and shows no warning", () => {
    officeGlobal(excel(1.9, { SharedRuntime: true, CustomFunctionsRuntime: true }));
    g.CustomFunctions = {};
    const env = officeEnvironment();
    expect(env).toMatchObject({ customFunctions: true, lacking: [] });
    render(<App host={new OfficeWorkbookHost(new FakeExcel().api())} lib={lib} env={env} />);
    expect(screen.queryByTestId("lacking")).toBeNull();
    expect(within(panel("generate")).getByText("加载项函数 QA.*（需要本加载项）")).toBeTruthy();
  });
});

describe("legacy.js in an old web view", () => {
  const source = readFileSync(path.join(__dirname, "../../src/legacy/legacy.js"), "utf8");

  it("is plain ES5 (parsed as ECMAScript 5)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const acorn = require("acorn") as { parse: (s: string, o: object) => unknown };
    expect(() => acorn.parse(source, { ecmaVersion: 5 })).not.toThrow();
    expect(() => acorn.parse("const a = b?.c;", { ecmaVersion: 5 })).toThrow(); // the check can fail
  });

  it.each([
    ["IE11 (Trident)", "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; rv:11.0) like Gecko", true],
    [
      "Edge Legacy (EdgeHTML)",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041",
      true,
    ],
    [
      "WebView2 (Chromium Edge)",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
      false,
    ],
  ])("%s", (_name, ua, shown) => {
    document.body.innerHTML = '<div id="root"></div>';
    const w = window as unknown as { scorebookOldWebview?: boolean };
    delete w.scorebookOldWebview;
    const spy = jest.spyOn(window.navigator, "userAgent", "get").mockReturnValue(ua);
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the built bundle's own text, as the page would
      new Function(source)();
    } finally {
      spy.mockRestore();
    }
    const text = document.getElementById("root")!.textContent ?? "";
    expect(w.scorebookOldWebview === true).toBe(shown);
    expect(text.includes("Scorebook 评审助手无法在此 Office 中运行")).toBe(shown);
    if (shown) expect(text).toContain("scorebook generate");
  });

  it("in a web view that cannot parse the ES2020 bundles (a SyntaxError on the page), shows the same message", () => {
    document.body.innerHTML = '<div id="root"><p>pane</p></div>';
    const w = window as unknown as { scorebookOldWebview?: boolean };
    delete w.scorebookOldWebview;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the file's own text, as the page would
    new Function(source)();
    expect(w.scorebookOldWebview).toBeUndefined(); // a current web view: nothing shown yet
    window.dispatchEvent(new ErrorEvent("error", { message: "Uncaught TypeError: x is undefined" }));
    expect(document.getElementById("root")!.textContent).toBe("pane"); // another error is not the old web view
    const error = new SyntaxError("Unexpected token '.'");
    window.dispatchEvent(new ErrorEvent("error", { message: `SyntaxError: ${error.message}`, error }));
    expect(w.scorebookOldWebview).toBe(true);
    expect(document.getElementById("root")!.textContent).toContain("Scorebook 评审助手无法在此 Office 中运行");
  });
});
