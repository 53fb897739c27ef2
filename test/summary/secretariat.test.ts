// The pure entry point for the task pane's secretariat view: CellSources in (here the layouts of filled scoring
// workbooks as an open workbook would hold them), reports, the aggregation and the summary layout out. Sources that
// are not scoring workbooks, or a summary given back, become problems with their names.
import { exact, vetoAnswerFor } from "../../src/core";
import { secretariatSummary, SUMMARY_SHEET } from "../../src/summary";
import { buildLayout, layoutSource, MemorySource, type InitialValues } from "../../src/workbook";
import { bundle } from "../helpers/workbooks";

function filled(
  applicant: string,
  expert: string,
  stage: "material" | "onsite",
  level: number,
  veto = false,
  rubric = "hebei-organization",
) {
  const b = bundle(rubric);
  const values: InitialValues = {
    entries: Object.fromEntries(b.rubric.items.map((i) => [i.code, { value: level }])),
    vetoes: Object.fromEntries(
      b.rules.vetoes.map((v, k) => [
        v.id,
        { answer: vetoAnswerFor(v, veto && k === 0), note: veto && k === 0 ? "未在河北设立" : "" },
      ]),
    ),
    declaration: { answer: "无利害关系" },
  };
  const layout = buildLayout(
    b,
    { applicant, expert, stage, mode: "native", createdAt: "2026-06-01T08:00:00.000Z" },
    values,
  );
  return layoutSource(layout, `${applicant}_${stage}_${expert}.xlsx`);
}

describe("secretariatSummary (pure: CellSources in, result and summary layout out)", () => {
  it("aggregates, names the sources it cannot use, and builds the summary in the asked mode", () => {
    const sources = [
      filled("甲公司", "王一", "material", 0.6),
      filled("甲公司", "王二", "material", 0.5),
      filled("甲公司", "李一", "onsite", 0.7),
      filled("乙公司", "王一", "material", 0.8),
      filled("乙公司", "李一", "onsite", 0.8, true),
      new MemorySource("随便.xlsx", { Sheet1: { A1: { value: "x" } } }),
      new MemorySource("上次汇总.xlsx", {
        [SUMMARY_SHEET.ranking]: {},
        [SUMMARY_SHEET.panels]: {},
        [SUMMARY_SHEET.parameters]: {},
      }),
    ];
    const { reports, result, layout } = secretariatSummary({
      sources,
      mode: "custom",
      createdAt: "2026-06-10T08:00:00.000Z",
      roster: { entries: [{ applicant: "甲公司", bonus: true }, { applicant: "乙公司" }], problems: [] },
      options: { materialWeight: exact(0.5) },
    });
    expect(reports).toHaveLength(6);
    expect(result.problems.map((p) => [p.file, p.code])).toEqual([
      ["上次汇总.xlsx", "summary-workbook"],
      ["随便.xlsx", "not-scorebook"],
    ]);
    const a = result.applicants.find((x) => x.applicant === "甲公司")!;
    // material (600 + 500) / 2 = 550, on-site 700, weight 1/2, the roster's bonus 10.
    expect(a.final!.equals(635)).toBe(true);
    const b = result.applicants.find((x) => x.applicant === "乙公司")!;
    expect(b).toMatchObject({ vetoed: true, veto: "flagged", status: "veto-flagged", wouldBeRank: 1 });
    expect(b.vetoFlags[0]).toMatchObject({ expert: "李一", note: "未在河北设立" });
    expect(layout.mode).toBe("custom");
    expect(layout.properties.created).toBe("2026-06-10T08:00:00.000Z");
    const p = layout.map.parameters;
    expect(
      layout.sheets
        .find((s) => s.name === p.sheet)!
        .cells.find((c) => c.ref === `${p.columns["hebei-organization"]}${p.rows.materialWeight}`)!.value,
    ).toBe(0.5);
  });

  it("names mixed rubrics by their names on the 问题 sheet, never by their ids", () => {
    // 甲公司: two experts used the organisation standard, one the Jiangmen manufacturing points: the odd one is out.
    const { layout, result } = secretariatSummary({
      sources: [
        filled("甲公司", "王一", "material", 0.6),
        filled("甲公司", "王二", "material", 0.6),
        filled("甲公司", "王三", "material", 0.6, false, "jiangmen-manufacturing"),
      ],
      createdAt: "2026-06-02T08:00:00Z",
    });
    expect(result.problems.filter((p) => p.code === "mixed-rubric").map((p) => p.file)).toEqual([
      "甲公司_material_王三.xlsx",
    ]);
    const texts = layout.sheets
      .find((s) => s.name === SUMMARY_SHEET.problems)!
      .cells.map((c) => c.value)
      .filter((v): v is string => typeof v === "string");
    const reason = texts.find((t) => t.includes("不同的评分标准"))!;
    expect(reason).toBe(
      "同一申报者的评分表使用了不同的评分标准（“河北省政府质量奖组织奖评价标准（2022年版）”2 份、" +
        "“江门市政府质量奖评分要点（制造业）”1 份）：本表使用“江门市政府质量奖评分要点（制造业）”，" +
        "与多数评分表的“河北省政府质量奖组织奖评价标准（2022年版）”不一致，未计入",
    );
    expect(texts.join("\n")).not.toMatch(/hebei-organization|jiangmen-manufacturing/);
    // The English beside it (the pane in en-US, the CLI's JSON) uses the English names.
    expect(result.problems.find((p) => p.code === "mixed-rubric")!.en).toContain(
      'this one uses "Jiangmen Government Quality Award scoring points',
    );
  });
});
