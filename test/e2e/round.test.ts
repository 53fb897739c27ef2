// End to end in headless Chromium against the built preview: the 批次 tab. A drawn round's 分组 sheet is typed into
// the preview workbook, 读取评审安排 reads it through the host, returned workbooks are picked (one by an expert not on
// the panel), and the status shows what is missing, by expert, and what is not counted. The round code is a lazy
// chunk (round.*.js) fetched only then. The pane stays 320 px wide. Screenshots go to test/output/ (git-ignored).
import * as fs from "fs";
import path from "path";
import { draw, library, vetoAnswerFor, ROUND_DEFAULTS, STAGE_ZH, type RoundInput } from "../../src/core";
import { buildLayout } from "../../src/workbook";
import { writeXlsx } from "../../src/xlsx";
import { bundle, randomValid, rng } from "../helpers/workbooks";
import { describeInPreview, OUT, previewSession } from "../helpers/preview-browser";

jest.setTimeout(120_000);

const lib = library();

function input(): RoundInput {
  return {
    applicants: ["河北甲公司", "河北乙公司"].map((name, i) => ({
      name,
      rubricId: "hebei-organization",
      at: { sheet: "申报者", row: i + 2 },
    })),
    experts: "王建国 李秀英 张志强 刘海燕 陈文华 杨明 赵丽 黄伟 周敏 吴刚".split(" ").map((name, i) => ({
      name,
      specialties: [],
      stages: [],
      at: { sheet: "专家库", row: i + 2 },
    })),
    conflicts: [],
    params: { ...ROUND_DEFAULTS, panelSize: { material: 3, onsite: 3 }, roundId: "HB2022-01", seed: "7" },
  };
}

describeInPreview("task pane preview in Chromium: 批次", () => {
  const { foreign, errors, open } = previewSession();

  it("reads the open round workbook's 分组 and shows the return status of picked workbooks", async () => {
    const r = draw(input(), lib);
    if (!r.ok) throw new Error("draw failed");
    const rows = [
      ["批次编号", "组别", "申报者", "评分标准", "阶段", "专家", "组长"],
      ...r.assignments.map((a) => [
        a.roundId,
        a.group,
        a.applicant,
        a.rubricId,
        STAGE_ZH[a.stage],
        a.expert,
        a.leader ? "是" : "",
      ]),
    ];
    const b = bundle("hebei-organization");
    const dir = path.join(OUT, "round-returns");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const material = r.assignments.filter((a) => a.stage === "material");
    const panel = material.filter((a) => a.applicant === material[0].applicant).map((a) => a.expert);
    const stranger = input().experts.find((e) => !panel.includes(e.name))!.name;
    const back = [...material.slice(0, 4), { ...material[0], expert: stranger }];
    const files: string[] = [];
    for (const [i, a] of back.entries()) {
      const v = randomValid(b, rng(i + 1));
      for (const vt of b.rules.vetoes) v.vetoes![vt.id] = { answer: vetoAnswerFor(vt, false) };
      const layout = buildLayout(
        b,
        {
          applicant: a.applicant,
          expert: a.expert,
          stage: a.stage,
          mode: "native",
          createdAt: "x",
          roundId: "HB2022-01",
        },
        v,
      );
      const f = path.join(dir, `${a.applicant}_${STAGE_ZH[a.stage]}_${a.expert}.xlsx`);
      fs.writeFileSync(f, await writeXlsx(layout));
      files.push(f);
    }

    const page = await open();
    const scripts: string[] = [];
    page.on("request", (q) => {
      if (q.resourceType() === "script") scripts.push(path.basename(new URL(q.url()).pathname));
    });
    await page.evaluate((rows) => {
      const wb = (
        window as unknown as {
          scorebookPreview: { addSheet(n: string): unknown; enter(s: string, r: string, t: string): void };
        }
      ).scorebookPreview;
      wb.addSheet("分组");
      rows.forEach((row, i) => row.forEach((v, j) => v && wb.enter("分组", `${"ABCDEFG"[j]}${i + 1}`, v)));
    }, rows);
    const pane = page.locator("#pane");
    await pane.getByRole("tab", { name: "批次" }).click();
    expect(scripts.filter((s) => s.startsWith("round."))).toEqual([]);
    await pane.getByRole("button", { name: "读取评审安排" }).click();
    await pane.getByText("批次 HB2022-01：12 份评分表").waitFor();
    expect(scripts.some((s) => s.startsWith("round."))).toBe(true);
    await pane.getByTestId("round-files").setInputFiles(files);
    await pane.getByText("应交 12 份，已交 4 份，已计入 4 份。").first().waitFor();
    await pane.getByText("未交（8）").waitFor();
    await pane.getByText("不在本批次专家组中（1，不计入）").waitFor();
    await page.locator(".sheet-tabs").getByRole("tab", { name: "分组", exact: true }).click();
    await page.screenshot({ path: path.join(OUT, "taskpane-round.png") });
    await pane.screenshot({ path: path.join(OUT, "taskpane-pane-round.png") });

    const widths = await pane.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.client).toBe(320);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.close();
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
