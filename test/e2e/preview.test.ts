// End to end in headless Chromium (playwright-core, Debian's /usr/bin/chromium) against the built preview
// (dist/preview.html from `npm run build`, served on 127.0.0.1): a reviewer generates a Hebei organisation scoring
// workbook, types valid and invalid values, sees the problems, the total and the veto banner, and makes a new
// workbook (ExcelJS loaded on demand under the page's CSP). Every request must stay on the page's own origin.
// Screenshots go to test/output/ (git-ignored). Skipped without Chromium or a build, except under CI=true.
import { readFileSync } from "fs";
import path from "path";
import type { Page } from "playwright-core";
import { describeInPreview, OUT, previewSession } from "../helpers/preview-browser";
import { library } from "../../src/core";
import { interpret } from "../../src/workbook";
import { readXlsx } from "../../src/xlsx";

jest.setTimeout(120_000);

describeInPreview("task pane preview in Chromium", () => {
  const { foreign, errors, open } = previewSession();

  async function generate(page: Page, applicant = "河北某某科技股份有限公司") {
    const pane = page.locator("#pane");
    await pane.getByLabel("奖项").selectOption("hebei-2022");
    await pane.getByLabel("评价标准").selectOption("hebei-organization");
    await pane.getByLabel("申报单位").fill(applicant);
    await pane.getByLabel("评审专家").fill("李四");
    await pane.getByRole("button", { name: "生成评分表" }).click();
    await pane.getByText("已评分 0 / 23").waitFor();
  }

  async function typeAt(page: Page, sheet: string, ref: string, text: string) {
    await page.locator(".sheet-tabs").getByRole("tab", { name: sheet, exact: true }).click();
    await page.locator(`td[data-ref="${ref}"]`).click();
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
  }

  it("generate, type valid and invalid values, see the problems, the total and the veto banner", async () => {
    const page = await open();
    const pane = page.locator("#pane");
    await pane.getByLabel("奖项").selectOption("hebei-2022");
    await pane.getByLabel("申报单位").fill("河北某某科技股份有限公司");
    await pane.getByLabel("评审专家").fill("李四");
    await pane.screenshot({ path: path.join(OUT, "taskpane-generate.png") });
    await generate(page);
    expect(await page.locator(".sheet-tabs [role=tab]").allTextContents()).toEqual([
      "Sheet1",
      "封面",
      "评分",
      "否决",
      "加分",
      "评分指南",
    ]);

    await typeAt(page, "评分", "G5", "45%");
    await page.keyboard.type("47%"); // Enter moved the selection to G6, as in Excel
    await page.keyboard.press("Enter");
    await page.keyboard.type("95");
    await page.keyboard.press("Enter");
    await pane.getByText("已评分 2 / 23").waitFor();
    expect(await pane.getByTestId("total").textContent()).toBe("55.50");
    await pane.getByText("1.2 组织治理：成熟度 47% 不是 5% 的整数倍（允许 0%、5%、10% … 100%）").waitFor();
    await pane.getByText("1.3 社会责任：成熟度 95% 在最高档：请在“优势”栏写明依据").waitFor();
    expect(await pane.getByRole("row", { name: /1 领导/ }).textContent()).toContain("55.50 / 110");
    // The grid shows the engine's numbers and Excel's colours: the invalid entry is red.
    expect(await page.locator('td[data-ref="H5"]').textContent()).toBe("27.00");
    expect(await page.locator('td[data-ref="G6"]').evaluate((td) => getComputedStyle(td).backgroundColor)).toBe(
      "rgb(255, 199, 206)",
    );
    await page.screenshot({ path: path.join(OUT, "taskpane-check.png") });

    // A click on a problem selects its cell.
    await pane.getByRole("button", { name: /^定位到 评分!G6：/ }).click();
    await page.locator('td[data-ref="G6"].selected').waitFor();
    expect(await page.locator(".name-box").textContent()).toBe("G6");

    await typeAt(page, "否决", "E5", "不符合");
    const banner = pane.getByTestId("veto-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("不符合申报条件：拥护党的路线、方针、政策");
    await page.screenshot({ path: path.join(OUT, "taskpane-veto.png") });
    await pane.screenshot({ path: path.join(OUT, "taskpane-pane-veto.png") });

    // 320 px wide, no horizontal scrolling.
    const widths = await page.locator("#pane").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.client).toBe(320);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.close();
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it("finishes: lists what is open, then locks and protects the sheets", async () => {
    const page = await open();
    await generate(page, "河北乙公司");
    await page.evaluate(() => {
      const wb = (window as unknown as { scorebookPreview: { enter(s: string, r: string, t: string): void } })
        .scorebookPreview;
      for (let row = 5; row <= 27; row++) wb.enter("评分", `G${row}`, "50%");
      for (let row = 5; row <= 11; row++) wb.enter("否决", `E${row}`, row <= 9 ? "符合" : "否");
      wb.enter("封面", "C16", "无利害关系");
      wb.enter("封面", "C9", "2025-06-30");
    });
    const pane = page.locator("#pane");
    await pane.getByRole("tab", { name: "完成" }).click();
    await pane.getByRole("button", { name: "最终检查" }).click();
    await pane.getByText("全部评价项目已有效评分，可以完成。").waitFor();
    await pane.getByRole("button", { name: "锁定并保护工作表" }).click();
    await pane.getByText(/已完成：封面、评分、否决、加分、评分指南 已锁定并保护/).waitFor();
    await pane.screenshot({ path: path.join(OUT, "taskpane-finish.png") });
    // Every cell is locked now: the formula bar refuses to edit.
    await page.locator(".sheet-tabs").getByRole("tab", { name: "评分", exact: true }).click();
    await page.locator('td[data-ref="G5"]').click();
    expect(await page.getByLabel("编辑单元格 G5").getAttribute("readonly")).not.toBeNull();
    expect(await page.locator('td[data-ref="G5"]').textContent()).toBe("50%");
    await page.close();
    expect(errors).toEqual([]);
  });

  it("asks before a second scoring set for the same applicant, expert and stage (a dialog that fits 320 px)", async () => {
    const page = await open();
    await generate(page, "河北丁公司");
    const pane = page.locator("#pane");
    await pane.getByRole("tab", { name: "生成" }).click();
    await pane.getByLabel("申报单位").fill("河北丁公司");
    await pane.getByLabel("评审专家").fill("李四");
    await pane.getByRole("button", { name: "生成评分表" }).click();
    const dialog = page.getByRole("alertdialog", { name: "已有这份评分表" });
    await dialog.waitFor();
    // In Excel the dialog lives in the 320 px pane.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.screenshot({ path: path.join(OUT, "taskpane-same-set.png") });
    const box = await dialog.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(320);
    for (const name of ["转到已有的评分表", "另外新增（评分 (2)）", "取消"])
      expect(await dialog.getByRole("button", { name }).isVisible()).toBe(true);
    await dialog.getByRole("button", { name: "另外新增（评分 (2)）" }).click();
    await pane.getByText("已生成评分表：封面 (2)、", { exact: false }).waitFor({ state: "attached" });
    await page.close();
    expect(errors).toEqual([]);
  });

  it("makes a new workbook as a download; ExcelJS is fetched only then, under the page's CSP", async () => {
    const page = await open();
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(path.basename(new URL(r.url()).pathname));
    });
    const pane = page.locator("#pane");
    await pane.getByLabel("奖项").selectOption("hebei-2022");
    await pane.getByLabel("申报单位").fill("河北丙公司");
    await pane.getByLabel("评审专家").fill("王五");
    await pane.getByLabel("新工作簿（下载 .xlsx 文件）").check();
    expect(scripts).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      pane.getByRole("button", { name: "生成评分表" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("河北丙公司_材料评审_王五.xlsx");
    expect(scripts.some((s) => s.startsWith("xlsx."))).toBe(true);
    const file = path.join(OUT, "e2e-new-workbook.xlsx");
    await download.saveAs(file);
    const report = interpret(await readXlsx(readFileSync(file), file), { library: library() });
    expect([report.rubric, report.applicant, report.expert]).toEqual(["hebei-organization", "河北丙公司", "王五"]);
    await page.close();
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it("works from the keyboard: every field in order with its label, Enter generates", async () => {
    const page = await open();
    const pane = page.locator("#pane");
    await pane.getByRole("tab", { name: "生成" }).focus();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement;
        const label = el.labels?.[0]?.textContent ?? el.getAttribute("aria-label") ?? el.textContent ?? "";
        return `${el.tagName.toLowerCase()}${el.type === "radio" ? ":radio" : ""} ${label.replace(/\s+/g, "").replace(/\*$/, "")}`;
      });
    const order: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      order.push(await focused());
    }
    expect(order).toEqual([
      "select 奖项",
      "select 评价标准",
      "input 申报单位",
      "input 评审专家",
      "input:radio 材料评审",
      "input:radio 普通Excel公式（推荐，任何Excel均可计算）",
      "input:radio 完整（评分表含评分要点）",
      "input:radio 当前工作簿（新增工作表）",
      "button 生成评分表",
      "input 选择定义文件",
    ]);
    await pane.getByLabel("奖项").focus();
    await page.keyboard.press("ArrowDown"); // 河北省政府质量奖（2022）
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.type("河北丁公司");
    await page.keyboard.press("Tab");
    await page.keyboard.type("赵六");
    await page.keyboard.press("Enter");
    await pane.getByText("已评分 0 / 23").waitFor();
    await page.close();
    expect(errors).toEqual([]);
  });

  it("follows the language and the theme: English, dark", async () => {
    const page = await open("?lang=en-US&theme=dark");
    const pane = page.locator("#pane");
    await pane.getByRole("button", { name: "Create scoring workbook" }).waitFor();
    await pane.getByLabel("Award").selectOption("hebei-2022");
    await pane.getByLabel("Applicant (organisation)").fill("Hebei Example Co., Ltd.");
    await pane.getByLabel("Expert").fill("Li Si");
    await pane.getByRole("button", { name: "Create scoring workbook" }).click();
    await pane.getByText("Scored 0 / 23").waitFor();
    const bg = await page
      .locator("#pane .fui-FluentProvider")
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe("rgb(31, 31, 31)");
    await pane.screenshot({ path: path.join(OUT, "taskpane-en-dark.png") });
    const widths = await page.locator("#pane").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.close();
    expect(errors).toEqual([]);
  });
});
