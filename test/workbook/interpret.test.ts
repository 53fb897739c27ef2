// Reading returned workbooks: every bad input of the issue gives a clear message naming the cell or the file, and
// nothing crashes; tampering (a score that no longer matches its input, edited points, a changed fingerprint,
// a deleted row, a workbook from another rubric) is found.
import ExcelJS from "exceljs";
import { format2, vetoAnswerFor, type RubricBundle } from "../../src/core";
import {
  LAYOUT_VERSION,
  interpret,
  MemorySource,
  reportJson,
  SHEET,
  toReturnedSheet,
  type InitialValues,
  type ScoreReport,
  type WorkbookLayout,
} from "../../src/workbook";
import { readXlsx } from "../../src/xlsx";
import { bundle, fill, generate, load, save } from "../helpers/workbooks";

function complete(b: RubricBundle, value: (points: number) => number | string = () => 0.5): InitialValues {
  return {
    entries: Object.fromEntries(
      b.rubric.items.map((i) => [i.code, { value: b.rubric.scoring === "points" ? i.points / 2 : value(i.points) }]),
    ),
    vetoes: Object.fromEntries(b.rules.vetoes.map((v) => [v.id, { answer: vetoAnswerFor(v, false), note: "已核查" }])),
    declaration: { answer: "无利害关系" },
  };
}

async function filled(
  id: string,
  values: InitialValues,
  edit?: (wb: ExcelJS.Workbook, layout: WorkbookLayout) => void,
  name = `${id}.xlsx`,
) {
  const { layout, buffer } = await generate(id);
  let data = await fill(buffer, layout, values);
  if (edit) {
    const wb = await load(data);
    edit(wb, layout);
    data = await save(wb);
  }
  return { layout, report: interpret(await readXlsx(data, name)) };
}

const codes = (r: ScoreReport) => r.problems.map((p) => p.code);
const item = (r: ScoreReport, code: string) => r.items.find((i) => i.code === code)!;

describe("interpreting a returned workbook", () => {
  it("a complete, clean workbook: scores recomputed by the engine, ok", async () => {
    const b = bundle("hebei-organization");
    const { report } = await filled("hebei-organization", complete(b));
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({
      rubric: "hebei-organization",
      applicant: "江门市某某制造有限公司",
      expert: "张三",
      stage: "material",
      mode: "native",
      complete: true,
      ok: true,
      vetoed: false,
    });
    expect(format2(report.total)).toBe("500.00");
    expect(report.categories.map((c) => format2(c.score))).toEqual([
      "55.00",
      "45.00",
      "45.00",
      "65.00",
      "50.00",
      "40.00",
      "200.00",
    ]);
    expect(report.declaration).toMatchObject({ conflict: false, answer: "无利害关系" });
    expect(report.meta.rubricFingerprint).toMatch(/^sha256:/);
    const json = reportJson(report);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        "rubric",
        "applicant",
        "expert",
        "stage",
        "items",
        "categories",
        "total",
        "complete",
        "vetoes",
        "vetoed",
        "problems",
      ]),
    );
    expect(json.items[0]).toEqual({
      code: "1.1",
      points: 60,
      input: 0.5,
      value: 50,
      score: 30,
      status: "ok",
      message: null,
      en: null,
      cell: "评分!G5",
    });
    expect(json.vetoes[0]).toMatchObject({ id: "party-line", flagged: false, note: "已核查" });
  });

  it("never trusts cached values: a stale cached score is ignored for scoring and reported as not recalculated", async () => {
    const b = bundle("jiangmen-manufacturing");
    const { report } = await filled("jiangmen-manufacturing", complete(b), (wb, layout) => {
      const ws = wb.getWorksheet(SHEET.scoring)!;
      const ref = `H${layout.map.scoring.firstItemRow}`;
      ws.getCell(ref).value = { formula: ws.getCell(ref).formula, result: 30 }; // 30 × 50 % is 15
    });
    expect(format2(item(report, "1.1").score!)).toBe("15.00");
    // The formula is intact: a warning that says the values were not recalculated, not tampering.
    expect(codes(report)).toEqual([]);
    expect(report.warnings.map((w) => w.code)).toEqual(["not-recalculated"]);
    expect(report.warnings[0].cell).toBe("评分!H5");
    expect(report.warnings[0].zh).toContain("公式未重新计算");
    expect(report.warnings[0].zh).toContain("评分!H5 得分显示 30，按输入应为 15");
    expect(report.ok).toBe(true);
  });

  it.each([
    ["text", "高", "not-a-number", "评分!G5（1.1）：“高”不是有效的成熟度百分比"],
    ["47 %", 0.47, "not-on-step", "评分!G5（1.1）：成熟度 47% 不是 5% 的整数倍"],
    ["105 %", 1.05, "out-of-range", "评分!G5（1.1）：成熟度 105% 超出 0%–100% 的范围"],
    ["−5 %", -0.05, "out-of-range", "评分!G5（1.1）：成熟度 -5% 超出 0%–100% 的范围"],
  ])("maturity input %s: invalid, scores nothing, the message names the cell", async (_label, value, code, message) => {
    const b = bundle("hebei-organization");
    const values = complete(b);
    values.entries!["1.1"] = { value };
    const { report } = await filled("hebei-organization", values);
    const i = item(report, "1.1");
    expect(i).toMatchObject({ status: "invalid", score: null, cell: "评分!G5", input: value });
    expect(i.message!.code).toBe(code);
    expect(i.message!.zh.startsWith(message)).toBe(true);
    expect(report.complete).toBe(false);
    expect(format2(report.total)).toBe("470.00");
    expect(report.problems).toEqual([]); // a bad entry is reported on its item, not as tampering
  });

  it("points above the maximum (individual rubric)", async () => {
    const b = bundle("hebei-individual-senior");
    const values = complete(b);
    values.entries!["3.1"] = { value: 31 };
    values.entries!["3.2"] = { value: 12.3 };
    const { report } = await filled("hebei-individual-senior", values);
    expect(item(report, "3.1")).toMatchObject({ status: "invalid", cell: "评分!F5" });
    expect(item(report, "3.1").message!.zh).toBe("评分!F5（3.1）：得分 31 超出 0–30 分的范围");
    expect(item(report, "3.2").message!.zh).toBe("评分!F6（3.2）：得分 12.3 不是 0.5 分的整数倍");
    expect(report.complete).toBe(false);
  });

  it("an empty or invalid veto answer names the cell; a 是 vetoes", async () => {
    const b = bundle("jiangmen-service");
    const values = complete(b);
    values.vetoes!["major-incident"] = { answer: "" };
    values.vetoes!["employee-rights"] = { answer: "也许" };
    values.vetoes!["false-material"] = { answer: "是", note: "材料中的检测报告系伪造" };
    const { report } = await filled("jiangmen-service", values);
    expect(codes(report)).toEqual(["veto-unanswered", "veto-answer-invalid"]);
    expect(report.problems[0].zh).toMatch(
      /^否决!E5：否决事项“近三年内出现过重大质量、安全、环保、卫生等事故，…”未作答（应选“是”或“否”）$/,
    );
    expect(report.problems[1].zh).toBe("否决!E6：否决事项的答案“也许”无效：此项问“是否存在该情形？”，应选“是”或“否”");
    expect(report.vetoed).toBe(true);
    expect(report.vetoes[2]).toMatchObject({
      id: "false-material",
      flagged: true,
      note: "材料中的检测报告系伪造",
      cell: "否决!E7",
    });
    expect(report.complete).toBe(true);
    expect(report.ok).toBe(false);
  });

  it("a deleted row: reported by code and cell, the item counts as not scored, nothing crashes", async () => {
    const b = bundle("hebei-organization");
    const { report } = await filled("hebei-organization", complete(b), (wb, layout) => {
      const row = layout.map.scoring.items.find((i) => i.code === "1.3")!.row;
      wb.getWorksheet(SHEET.scoring)!.spliceRows(row, 1);
    });
    expect(codes(report)).toEqual(expect.arrayContaining(["row-missing", "row-moved"]));
    expect(report.problems.find((p) => p.code === "row-missing")!.zh).toBe(
      "评分!A7：找不到评价项目 1.3 的行（行被删除或编号被改动），该项按未评分处理",
    );
    expect(report.problems.find((p) => p.code === "row-moved")!.zh).toMatch(
      /^评价项目 2\.1 应在 评分!A8，现在 评分!A7.*（共 20 项的位置改变）$/,
    );
    expect(item(report, "1.3")).toMatchObject({ status: "missing", score: null });
    expect(item(report, "2.1")).toMatchObject({ status: "ok", cell: "评分!G7" }); // read where it is now
    expect(format2(report.total)).toBe("485.00");
    expect(report.complete).toBe(false);
  });

  it("edited points, an overwritten score formula and a changed formula are tampering", async () => {
    const b = bundle("jiangmen-education");
    const { report } = await filled("jiangmen-education", complete(b), (wb, layout) => {
      const ws = wb.getWorksheet(SHEET.scoring)!;
      const r = layout.map.scoring.firstItemRow;
      ws.getCell(`D${r}`).value = 100;
      ws.getCell(`H${r + 1}`).value = 40;
      ws.getCell(`H${r + 2}`).value = { formula: `D${r + 2}*1` };
    });
    expect(codes(report)).toEqual(["points-edited", "formula-overwritten", "formula-changed"]);
    expect(report.problems[0].zh).toMatch(/^评分!D5：评价项目 1\.1 的分值被改为 100，应为 \d+$/);
    expect(report.problems[1].zh).toBe("评分!H6：得分的公式被替换为固定值“40”");
    expect(report.problems[2].zh).toBe("评分!H7：得分的公式被改动");
    // The engine still scores from the inputs and the rubric's points, not from the sheet's numbers.
    expect(report.total.valueOf()).toBe(b.rubric.totalPoints / 2);
  });

  it("many changed formulas: the first five are named, the rest summed up", async () => {
    const b = bundle("hebei-organization");
    const { report } = await filled("hebei-organization", complete(b), (wb, layout) => {
      const ws = wb.getWorksheet(SHEET.scoring)!;
      for (const it of layout.map.scoring.items) ws.getCell(`M${it.row}`).value = "ok";
    });
    expect(codes(report)).toEqual([
      "formula-overwritten",
      "formula-overwritten",
      "formula-overwritten",
      "formula-overwritten",
      "formula-overwritten",
      "formula-changed",
    ]);
    expect(report.problems[0].zh).toBe("评分!M5：辅助列的公式被替换为固定值“ok”");
    expect(report.problems[5].zh).toBe("hebei-organization.xlsx：另有 18 个单元格的公式被改动或替换（共 23 处）");
  });

  it("a changed fingerprint, a removed defined name, an edited cover are found", async () => {
    const b = bundle("hebei-organization");
    const { report } = await filled("hebei-organization", complete(b), (wb, layout) => {
      wb.getWorksheet(SHEET.meta)!.getCell("B4").value = "sha256:0000";
      (wb.definedNames as unknown as { remove(loc: string, name: string): void }).remove(
        `'评分'!$H$${layout.map.scoring.totalRow}`,
        "Total",
      );
      wb.getWorksheet(SHEET.cover)!.getCell(layout.map.cover.expert).value = "李四";
    });
    // The edited fingerprint also breaks the metadata's identity seal.
    expect(codes(report)).toEqual(["rubric-changed", "seal-broken", "cover-changed", "name-changed"]);
    expect(report.problems[0].zh).toBe(
      "hebei-organization.xlsx：评分标准“hebei-organization”的内容指纹与本版本不一致（评分表生成后评分标准被修改，或元数据被改动）",
    );
    expect(report.problems[2].zh).toBe("封面!C7：封面的评审专家为“李四”，与元数据中的“张三”不一致");
    expect(report.problems[3].zh).toBe("定义名称 Total 缺失或指向了别处");
  });

  it("a workbook from another rubric: named with the file, whether the caller or the content says so", async () => {
    const b = bundle("jiangmen-manufacturing");
    const { buffer, layout } = await generate("jiangmen-manufacturing");
    const data = await fill(buffer, layout, complete(b));
    const expected = interpret(await readXlsx(data, "张三-制造业.xlsx"), { expectedRubric: "hebei-organization" });
    expect(codes(expected)).toEqual(["wrong-rubric"]);
    expect(expected.problems[0].zh).toBe(
      "张三-制造业.xlsx：这是评分标准“jiangmen-manufacturing”的评分表，不是“hebei-organization”的",
    );
    // The metadata claims another rubric than the sheets hold: the fingerprint, and here the items, tell.
    const wb = await load(data);
    wb.getWorksheet(SHEET.meta)!.getCell("B3").value = "jiangmen-service";
    const swapped = interpret(await readXlsx(await save(wb), "x.xlsx"));
    // The sheet title still names the original rubric, and the seal no longer matches.
    expect(codes(swapped)).toEqual(["rubric-changed", "identity-mismatch", "seal-broken"]);
    const hebei = await generate("hebei-organization");
    const hb = await load(await fill(hebei.buffer, hebei.layout, complete(bundle("hebei-organization"))));
    hb.getWorksheet(SHEET.meta)!.getCell("B3").value = "jiangmen-manufacturing";
    const other = interpret(await readXlsx(await save(hb), "y.xlsx"));
    expect(codes(other)).toEqual(
      expect.arrayContaining(["rubric-changed", "item-changed", "points-edited", "row-unknown"]),
    );
    expect(other.problems.find((p) => p.code === "row-unknown")!.zh).toBe(
      "评分!A15：“4.4”不是本评分标准的评价项目编号",
    );
    expect(other.ok).toBe(false);
  });

  it("a declared conflict of interest, a missing or invalid declaration", async () => {
    const b = bundle("jiangmen-medical");
    const values = complete(b);
    values.declaration = { answer: "存在利害关系，申请回避", note: "曾在该院任职" };
    const { report } = await filled("jiangmen-medical", values);
    expect(codes(report)).toEqual(["conflict"]);
    expect(report.problems[0].zh).toBe("封面!C16：评审专家 张三 声明与申报者存在利害关系，应回避，本评分表不应计入");
    const sheet = toReturnedSheet(report);
    expect(sheet).toMatchObject({ conflictDeclared: true, conflictNote: "曾在该院任职", blocking: [] });
    values.declaration = { answer: "" };
    expect(codes((await filled("jiangmen-medical", values)).report)).toEqual(["declaration-missing"]);
    values.declaration = { answer: "没有" };
    expect(codes((await filled("jiangmen-medical", values)).report)).toEqual(["declaration-invalid"]);
  });

  it("the bonus conditions the expert confirmed reach the aggregation", async () => {
    const b = bundle("hebei-organization");
    const values = complete(b);
    values.bonus = {
      "high-tech": { answer: "是", note: "证书编号 GR2023" },
      luban: { answer: "否" },
      dayu: { answer: "大概" },
    };
    const { report } = await filled("hebei-organization", values);
    expect(report.bonus.filter((x) => x.confirmed).map((x) => x.id)).toEqual(["high-tech"]);
    expect(codes(report)).toEqual(["bonus-answer-invalid"]);
    const sheet = toReturnedSheet(report);
    expect(sheet.bonusConfirmed).toEqual(["high-tech"]);
    expect(sheet.items[0]).toMatchObject({ code: "1.1", value: 50 });
    expect(sheet.blocking.map((m) => m.code)).toEqual(["bonus-answer-invalid"]);
  });

  it("an .xlsx that is not a scoring workbook, or of another layout version", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = "hello";
    const r = interpret(await readXlsx(await save(wb), "其他.xlsx"));
    expect(codes(r)).toEqual(["not-scorebook"]);
    expect(r.problems[0].zh).toBe("其他.xlsx：不是 Scorebook 生成的评分表（找不到隐藏的“元数据”工作表）");
    expect(r).toMatchObject({ rubric: null, items: [], complete: false, ok: false });
    const { buffer } = await generate("hebei-organization");
    const v = await load(buffer);
    v.getWorksheet(SHEET.meta)!.getCell("B2").value = "99";
    expect(interpret(await readXlsx(await save(v), "v.xlsx")).problems[0].zh).toBe(
      "v.xlsx：评分表版式版本为 99，本程序只能读取版本 1、2",
    );
    const u = await load(buffer);
    u.getWorksheet(SHEET.meta)!.getCell("B3").value = "shanghai-2030";
    expect(codes(interpret(await readXlsx(await save(u), "u.xlsx")))).toEqual(["unknown-rubric"]);
  });

  it("survives arbitrary junk in every cell a reader can return", async () => {
    // The veto ids sit in the veto sheet's hidden id column (layout 2).
    const idCol = (await generate("hebei-individual-other")).layout.map.vetoes.columns.id;
    const junk = new MemorySource("junk.xlsx", {
      [SHEET.meta]: {
        A1: { value: "format" },
        B1: { value: "scorebook.scoring-workbook" },
        A2: { value: "layoutVersion" },
        B2: { value: LAYOUT_VERSION },
        A3: { value: "rubricId" },
        B3: { value: "hebei-individual-other" },
      },
      [SHEET.scoring]: {
        A5: { value: "6.2" },
        D5: { value: { error: "#REF!" } },
        F5: { value: new Date(0) },
        C5: { value: true },
      },
      [SHEET.vetoes]: { [`${idCol}5`]: { value: "party-line" }, E5: { value: { error: "#N/A" } } },
    });
    const r = interpret(junk);
    expect(r.rubric).toBe("hebei-individual-other");
    expect(item(r, "6.2").status).toBe("invalid");
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        "rubric-changed",
        "meta-invalid",
        "meta-missing",
        "sheet-missing",
        "points-edited",
        "veto-answer-invalid",
      ]),
    );
  });
});
