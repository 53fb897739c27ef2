// End to end in headless Chromium against the built preview (as test/e2e/preview.test.ts): the secretariat's 汇总 tab.
// Four scoring sets (two applicants, both stages) are generated into the preview workbook and filled in, then 汇总 aggregates the open workbook,
// shows the ranking, and writes the summary sheets, which appear as sheet tabs in the grid. The summary code is a
// lazy chunk (summary.*.js) fetched only then; every request stays on the page's own origin. The pane stays 320 px
// wide without horizontal scrolling. Screenshots go to test/output/ (git-ignored).
import path from "path";
import type { Page } from "playwright-core";
import { describeInPreview, OUT, previewSession } from "../helpers/preview-browser";

jest.setTimeout(120_000);

describeInPreview("task pane preview in Chromium: 汇总", () => {
  const { foreign, errors, open } = previewSession();

  /** Generates a scoring set (the form suggests the next free suffix by itself) and fills it in completely. */
  async function scoringSet(
    page: Page,
    applicant: string,
    stage: "材料评审" | "现场评审",
    suffix: string,
    value: string,
  ) {
    const pane = page.locator("#pane");
    await pane.getByRole("tab", { name: "生成" }).click();
    await pane.getByLabel("奖项").selectOption("hebei-2022");
    await pane.getByLabel("评价标准").selectOption("hebei-organization");
    await pane.getByLabel("申报单位").fill(applicant);
    await pane.getByLabel("评审专家").fill("李四");
    await pane.getByLabel(stage, { exact: true }).check();
    await pane.getByRole("button", { name: "生成评分表" }).click();
    await pane.getByText(`已生成评分表：封面${suffix}、`).waitFor({ state: "attached" }); // the pane moves on to 检查
    await page.evaluate(
      ({ suffix, value }) => {
        const wb = (window as unknown as { scorebookPreview: { enter(s: string, r: string, t: string): void } })
          .scorebookPreview;
        for (let row = 5; row <= 27; row++) wb.enter(`评分${suffix}`, `G${row}`, value);
        // 河北: five conditions (符合), then two events (否).
        for (let row = 5; row <= 11; row++) wb.enter(`否决${suffix}`, `E${row}`, row <= 9 ? "符合" : "否");
        wb.enter(`封面${suffix}`, "C16", "无利害关系");
        wb.enter(`封面${suffix}`, "C9", "2025-06-30");
      },
      { suffix, value },
    );
  }

  it("aggregates the open workbook's scoring sets, shows the ranking and writes the summary sheets", async () => {
    const page = await open();
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(path.basename(new URL(r.url()).pathname));
    });
    await scoringSet(page, "河北甲公司", "材料评审", "", "80%");
    await scoringSet(page, "河北甲公司", "现场评审", " (2)", "85%");
    await scoringSet(page, "河北乙公司", "材料评审", " (3)", "70%");
    await scoringSet(page, "河北乙公司", "现场评审", " (4)", "75%");
    expect(scripts.filter((s) => s.startsWith("summary."))).toEqual([]);

    const pane = page.locator("#pane");
    await pane.getByRole("tab", { name: "汇总" }).click();
    await pane.getByRole("button", { name: "汇总", exact: true }).click();
    await pane.getByText("共 4 份评分表，4 份计入，2 个申报者").waitFor();
    expect(scripts.some((s) => s.startsWith("summary."))).toBe(true);
    // One table per ranking, named after the rule set: rank, applicant, material, on-site, final, then the status on
    // its own line (one row group per applicant).
    const table = pane.getByRole("table", { name: "河北省政府质量奖组织奖" });
    const names = await table.locator("tbody th").allTextContents();
    expect(names).toEqual(["河北甲公司", "河北乙公司"]);
    const finals = await table.locator("tbody tr:first-child td:nth-child(5)").allTextContents();
    expect(Number(finals[0])).toBeGreaterThan(Number(finals[1]));
    expect(await table.locator("tbody tr:first-child td:first-child").allTextContents()).toEqual(["1", "2"]);
    expect(await table.locator("tbody tr:nth-child(2) td").allTextContents()).toEqual(["候选", "候选"]);
    // Short headings with the full one on hover; no heading and no status takes more than two lines at 320 px.
    expect(await table.locator("thead th").allTextContents()).toEqual(["名次", "申报者", "材料", "现场", "最终"]);
    expect(
      await table.locator("thead th[title]").evaluateAll((els) => els.map((e) => e.getAttribute("title"))),
    ).toEqual(["名次", "材料评审得分", "现场评审得分", "最终得分（综合得分）"]);
    const lines = (selector: string) =>
      table.locator(selector).evaluateAll((els) =>
        els.map((e) => {
          const range = document.createRange();
          range.selectNodeContents(e);
          // The text's own line boxes, one top per line (a cell's height also holds its padding).
          return [e.textContent, new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size];
        }),
      );
    // The issue allows two lines; the short headings take one (the full headings took two, 材料评审 in 4 em).
    for (const [text, n] of await lines("thead th")) expect([text, n]).toEqual([text, 1]);
    for (const [text, n] of await lines("tbody tr:nth-child(2) td"))
      expect([text, Number(n) <= 2]).toEqual([text, true]);
    await table.screenshot({ path: path.join(OUT, "taskpane-ranking.png") });
    // In the 320 px pane a name keeps at least five characters a line, and no score spills out of its cell.
    for (const w of await table.locator("tbody th").evaluateAll((els) => els.map((e) => e.clientWidth)))
      expect(w).toBeGreaterThanOrEqual(5 * 12 + 8);
    const spill = await table
      .locator("tbody td, thead th")
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
    expect(spill).toEqual([]);

    await pane.getByRole("button", { name: "写入汇总表" }).click();
    await pane
      .getByText(
        "已写入汇总表：汇总、得分图、合议清单、公示名单（现场评审）、授奖候选名单、表决记录表、授奖建议名单、评审专家评价表、问题、参数、专家分、明细、反馈",
      )
      .waitFor();
    const tabs = await page.locator(".sheet-tabs [role=tab]").allTextContents();
    expect(tabs).toEqual(
      expect.arrayContaining(["汇总", "得分图", "表决记录表", "问题", "参数", "专家分", "明细", "反馈"]),
    );
    // The grid shows 汇总 (written last, activated), with the applicants in it.
    await page.locator(".sheet-tabs").getByRole("tab", { name: "汇总", exact: true }).click();
    await page.locator("#grid td", { hasText: "河北甲公司" }).first().waitFor();
    await page.screenshot({ path: path.join(OUT, "taskpane-summary.png") });
    await pane.screenshot({ path: path.join(OUT, "taskpane-pane-summary.png") });

    // 320 px wide, no horizontal scrolling.
    const widths = await pane.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.client).toBe(320);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.close();
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
