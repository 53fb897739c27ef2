// The summary's new rules recalculated by a real spreadsheet engine (LibreOffice, cached values ignored): 否决待核实
// until the secretariat decides, 缺少公众满意度测评得分 for an individual on-site without one (河北 四（六）2 "申报个人
// 最终得分包括：……公众满意度测评得分（满分 20 分）和加分"), 549.995 shown with three decimals and 未达提名线, 江门 ranked
// by sector, and a material-stage run (四（四）3 "材料评审得分达到500分及以上的申报组织……可进入现场评审阶段").
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { aggregate, exact, STATUS_TEXT, type AggregateResult, type ReturnedSheet } from "../../src/core";
import { buildSummaryLayout, rubricInfo, type SummaryLayout } from "../../src/summary";
import { writeXlsx } from "../../src/xlsx";
import { describeWithLibreOffice, recalc } from "../helpers/libreoffice";
import { load, tmpDir } from "../helpers/workbooks";
import { sheet } from "./fixtures";

const flag = { id: "false-material", text: "提供虚假材料", flagged: true, note: "证书系伪造" };
const both = (
  rubric: string,
  who: string,
  m: number | string,
  o: number | string,
  extra: Partial<ReturnedSheet> = {},
) => [
  { ...sheet(rubric, who, "材专家", "material", 0, extra), total: exact(m) },
  { ...sheet(rubric, who, "现专家", "onsite", 0), total: exact(o) },
];

function view(wb: ExcelJS.Workbook, layout: SummaryLayout) {
  const ws = wb.getWorksheet("汇总")!;
  const c = layout.map.ranking.columns;
  const v = (ref: string) => {
    const cell = ws.getCell(ref);
    return cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  };
  return Object.fromEntries(
    layout.map.ranking.groups
      .flatMap((g) => g.rows)
      .map((r) => [r.applicant, { rank: v(`${c.rank}${r.row}`) ?? null, status: v(`${c.status}${r.row}`) }]),
  );
}
const engine = (r: AggregateResult) =>
  Object.fromEntries(
    r.applicants.map((a) => [a.applicant, { rank: a.rank ?? a.wouldBeRank, status: STATUS_TEXT[a.status].zh }]),
  );

describeWithLibreOffice("the summary's rules, recalculated by LibreOffice", () => {
  const final = aggregate(
    [
      ...both("hebei-organization", "甲公司", 700, 700),
      ...both("hebei-organization", "乙公司", 650, 800, { vetoes: [flag] }),
      ...both("hebei-organization", "丙公司", "549.995", "549.995"),
      ...both("hebei-individual-frontline", "张三", 72, 70),
      ...both("jiangmen-manufacturing", "江门制造", 700, 700),
      ...both("jiangmen-medical", "江门医院科室", 650, 650),
    ],
    rubricInfo(),
  );
  const material = aggregate(
    [
      sheet("hebei-organization", "甲公司", "材专家", "material", 520),
      sheet("hebei-organization", "乙公司", "材专家", "material", 500),
      sheet("hebei-organization", "丙公司", "材专家", "material", 499.5),
    ],
    rubricInfo(),
    [],
    { stage: "material" },
  );
  const layouts = [
    buildSummaryLayout(final, { mode: "native" }),
    buildSummaryLayout(material, { mode: "native", aggregate: { stage: "material" } }),
  ];
  const out: ExcelJS.Workbook[] = [];
  beforeAll(async () => {
    const dir = tmpDir("scorebook-rules-lo-");
    const files: string[] = [];
    for (const [i, l] of layouts.entries()) {
      const f = path.join(dir, `s${i}.xlsx`);
      fs.writeFileSync(f, await writeXlsx(l));
      files.push(f);
    }
    const res = recalc(files, path.join(dir, "out"));
    for (const o of res.outputs) out.push(await load(fs.readFileSync(o)));
  }, 180_000);

  it("否决待核实, 缺少公众满意度测评得分, 549.995 below 550, 江门 by sector: as the engine says", () => {
    const v = view(out[0], layouts[0]);
    expect(v).toEqual(engine(final));
    expect(v["乙公司"]).toEqual({ rank: 1, status: "否决待核实" });
    expect(v["张三"].status).toBe("缺少公众满意度测评得分");
    expect(v["丙公司"].status).toBe("未达提名线");
    expect([v["江门制造"].rank, v["江门医院科室"].rank]).toEqual([1, 1]);
    // 549.995 is shown with three decimals, so that it never reads 550.00.
    const c = layouts[0].map.ranking.columns;
    const row = layouts[0].map.ranking.groups.flatMap((g) => g.rows).find((r) => r.applicant === "丙公司")!.row;
    expect(out[0].getWorksheet("汇总")!.getCell(`${c.final}${row}`).numFmt).toBe("0.000");
  });

  it("a material-stage run: 进入现场评审 from exactly 500, in order of the material score", () => {
    const v = view(out[1], layouts[1]);
    expect(v).toEqual(engine(material));
    expect(v).toEqual({
      甲公司: { rank: 1, status: "进入现场评审" },
      乙公司: { rank: 2, status: "进入现场评审" },
      丙公司: { rank: 3, status: "未进入现场评审" },
    });
  });
});
