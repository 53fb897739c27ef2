// End to end in headless Chromium against the built pages: the pane as the pane-only manifest runs it (no
// CustomFunctions, no QA.* functions; ?pane-only&excelApi=1.8 plays volume-licensed Excel 2019) says what this Excel
// lacks, offers plain formulas only and generates a native workbook; the add-in's real pages (taskpane.html,
// pane-only.html) opened by an old web view's user agent show legacy.js's message instead of a blank pane, and by a
// current one the pane itself. Skipped without Chromium or a build, except under CI=true.
import path from "path";
import { describeInPreview, OUT, previewSession } from "../helpers/preview-browser";

jest.setTimeout(120_000);

const TRIDENT = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko";

describeInPreview("the pane without custom functions, and old web views", () => {
  const { errors, open, openPage } = previewSession();

  it("pane-only in an Excel with ExcelApi 1.8: the lacking set is named, custom mode is hidden, formulas are plain", async () => {
    const page = await open("?pane-only&excelApi=1.8");
    const pane = page.locator("#pane");
    await pane.getByText("此版本的 Excel 缺少以下功能").waitFor();
    expect(await pane.getByText(/ExcelApi 1\.9：生成时的打印设置/).count()).toBe(1);
    expect(await pane.getByText(/加载项函数 QA/).count()).toBe(0);
    expect(await page.evaluate(() => typeof (window as unknown as { CustomFunctions?: unknown }).CustomFunctions)).toBe(
      "undefined",
    );
    await pane.getByLabel("奖项").selectOption("hebei-2022");
    await pane.getByLabel("申报单位").fill("河北某某科技股份有限公司");
    await pane.getByLabel("评审专家").fill("李四");
    await pane.screenshot({ path: path.join(OUT, "taskpane-pane-only.png") });
    await pane.getByRole("button", { name: "生成评分表" }).click();
    await pane.getByText("已评分 0 / 23").waitFor();
    const formulas = await page.evaluate(() => {
      const wb = (
        window as unknown as {
          scorebookPreview: { sheets: Map<string, { cells: Map<string, { formula?: string }> }> };
        }
      ).scorebookPreview;
      return [...wb.sheets.values()].flatMap((s) => [...s.cells.values()].map((c) => c.formula ?? "").filter(Boolean));
    });
    expect(formulas.length).toBeGreaterThan(50);
    expect(formulas.filter((f) => /QA\./.test(f))).toEqual([]);
    await page.locator("#pane").getByRole("tab", { name: "汇总" }).click();
    expect(await pane.getByText(/加载项函数 QA/).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it.each(["taskpane.html", "pane-only.html"])("%s in IE11 (Trident): a message, not a blank pane", async (file) => {
    const page = await openPage(file, { userAgent: TRIDENT });
    await page.getByText("Scorebook 评审助手无法在此 Office 中运行").waitFor();
    expect(await page.locator("#root").innerText()).toContain("scorebook generate");
    // The pane itself did not start over the message.
    expect(await page.locator("#root [role=tablist]").count()).toBe(0);
    await page.screenshot({ path: path.join(OUT, `legacy-${file.replace(".html", "")}.png`) });
  });

  it("pane-only.html in a current web view starts the pane (outside Excel: the in-memory workbook)", async () => {
    const page = await openPage("pane-only.html");
    await page.locator("#root [role=tablist]").waitFor();
    expect(await page.getByText(/加载项函数 QA/).count()).toBe(0);
  });
});
