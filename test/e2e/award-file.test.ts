// End to end in headless Chromium against the built preview: the secretariat gives the pane another award as a file
// (the fictional 梅江 award of test/award/city.ts, as an award definition workbook). A broken copy is refused with
// its problems by sheet, row and column; the good one is checked in a lazy chunk (award-file.*.js, the JSON Schema
// validators compiled at build time, so nothing is evaluated under the page's CSP), joins the 奖项 list, and its
// scoring workbook is generated into the preview workbook. Screenshots go to test/output/ (git-ignored).
import { writeFileSync } from "fs";
import path from "path";
import { awardFiles } from "../../src/award/folder";
import { writeAwardBook } from "../../src/award/workbook";
import { parseAwardBook } from "../../src/core/award/book";
import { CITY_ID, CITY_RUBRIC, cityBook } from "../award/city";
import { describeInPreview, OUT, previewSession } from "../helpers/preview-browser";

jest.setTimeout(120_000);

describeInPreview("task pane preview in Chromium: an award given as a file", () => {
  const { foreign, errors, open } = previewSession();

  it("refuses a broken award workbook by cell, accepts the good one and generates its scoring workbook", async () => {
    const broken = cityBook();
    broken["奖项"].find((r) => r[0] === "步长")![1] = 7;
    broken["评审规则"].find((r) => r[0] === "阶段权重")![2] = "40%、50%";
    const bad = path.join(OUT, "梅江-有错.xlsx");
    const good = path.join(OUT, "梅江市政府质量奖评价标准.xlsx");
    writeFileSync(bad, await writeAwardBook(broken));
    writeFileSync(good, await writeAwardBook(cityBook()));

    const page = await open();
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(path.basename(new URL(r.url()).pathname));
    });
    const pane = page.locator("#pane");
    const input = pane.getByLabel("选择定义文件");
    await input.setInputFiles(bad);
    const alert = pane.getByRole("alert");
    await alert.waitFor();
    expect(scripts.some((s) => s.startsWith("award-file."))).toBe(true);
    const problems = await alert.locator("li").allTextContents();
    expect(problems).toHaveLength(parseAwardBook(broken).problems.length);
    expect(problems.some((p) => /^奖项!B\d+：/.test(p))).toBe(true);
    await alert.scrollIntoViewIfNeeded();
    await pane.screenshot({ path: path.join(OUT, "taskpane-award-file-refused.png") });

    // The .json files award import stores, one rubric missing its items: the JSON Schema validator (compiled at build
    // time) runs under the page's CSP and names the field.
    const stored = parseAwardBook(cityBook());
    const files = awardFiles(stored.award!, stored.rubrics);
    const rubric = JSON.parse(files[`${CITY_RUBRIC}.json`]) as Record<string, unknown>;
    delete rubric.items;
    const awardJson = path.join(OUT, "award.json");
    const rubricJson = path.join(OUT, `${CITY_RUBRIC}.json`);
    writeFileSync(awardJson, files["award.json"]);
    writeFileSync(rubricJson, JSON.stringify(rubric));
    await input.setInputFiles([awardJson, rubricJson]);
    await pane.getByText(`${CITY_RUBRIC}.json: (根): 缺少字段“items”`, { exact: false }).waitFor();

    await input.setInputFiles(good);
    await pane.getByText("已载入“梅江市政府质量奖（2024）”（1 个评价标准），已加入“奖项”列表。").waitFor();
    expect(await pane.getByLabel("奖项", { exact: true }).inputValue()).toBe(CITY_ID);
    expect(await pane.getByLabel("评价标准", { exact: true }).inputValue()).toBe(CITY_RUBRIC);
    await pane.screenshot({ path: path.join(OUT, "taskpane-award-file-loaded.png") });
    await pane.getByLabel("申报单位").fill("梅江甲公司");
    await pane.getByLabel("评审专家").fill("王专家");
    await pane.getByRole("button", { name: "生成评分表" }).click();
    const items = parseAwardBook(cityBook()).rubrics[0].items.length;
    await pane.getByText(`已评分 0 / ${items}`).waitFor();
    expect(await page.locator(".sheet-tabs [role=tab]").allTextContents()).toEqual(
      expect.arrayContaining(["封面", "评分", "否决", "评分指南"]),
    );
    await page.screenshot({ path: path.join(OUT, "taskpane-award-file-generated.png") });
    await page.close();
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
