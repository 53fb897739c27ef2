// The one display rule in the summary workbook, recalculated by two independent spreadsheets (LibreOffice and
// Gnumeric, cached values ignored): a score is printed with two decimals, more where two would round it across the
// line it is compared with, and the printed text follows the live value after a what-if. 549.995 never reads
// "550.00", 499.9999 never "500.00", 84.995 never "85.00", a roster's 12.9999999999 never makes 85 — on 汇总, 得分图,
// 候选名单, 表决记录表 and 公示名单.
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { aggregate, exact, formatScore, parseRoster, STATUS_TEXT, type ReturnedSheet } from "../../src/core";
import { buildSummaryLayout, rubricInfo, type SummaryLayout } from "../../src/summary";
import { COMMITTEE_SHEET } from "../../src/summary/committee";
import { writeXlsx } from "../../src/xlsx";
import { describeWithGnumeric, gnumericRecalc, hasGnumeric } from "../helpers/gnumeric";
import { describeWithLibreOffice, hasLibreOffice, recalc } from "../helpers/libreoffice";
import { load, rng, tmpDir } from "../helpers/workbooks";
import { shownFormula } from "../../src/summary/formulas";
import { sheet } from "./fixtures";

const both = (rubric: string, who: string, m: string, o: string): ReturnedSheet[] => [
  { ...sheet(rubric, who, "材专家", "material", 0), total: exact(m) },
  { ...sheet(rubric, who, "现专家", "onsite", 0), total: exact(o) },
];

const result = aggregate(
  [
    ...both("hebei-organization", "甲公司", "549.995", "549.995"), // final 549.995 below 550
    ...both("hebei-organization", "乙公司", "600", "560"), // a candidate, 572
    sheet("hebei-organization", "丙公司", "材专家", "material", 0, { total: exact("499.9999") }), // below 500
    ...both("hebei-individual-frontline", "张三", "72", "72"), // + 12.995 = 84.995 below 85
    ...both("hebei-individual-frontline", "李四", "72", "72"), // + 13 = 85 reaches 85
    ...both("hebei-individual-frontline", "王五", "72", "72"), // + 12.9999999999 = 84.9999999999 below 85
  ],
  rubricInfo(),
  [
    { applicant: "张三", public: exact("12.995") },
    { applicant: "李四", public: exact(13) },
    // As the roster file gives it (a .csv or a spreadsheet cell): ten decimals, kept exact.
    ...parseRoster(
      [
        ["申报者", "公众满意度"],
        ["王五", 12.9999999999],
      ],
      "名册.xlsx",
    ).entries,
  ],
);
const layout = buildSummaryLayout(result, { mode: "native", createdAt: "2026-06-10T08:00:00.000Z" });
const rowOf = (l: SummaryLayout, name: string) =>
  l.map.ranking.groups.flatMap((g) => g.rows).find((r) => r.applicant === name)!.row;

/**
 * The display formula alone over random scores close to random lines (and far from them, and lines left blank):
 * column C is what the spreadsheet prints, D what the engine's formatScore prints.
 */
const R = rng(20261207);
const randomRows = Array.from({ length: 300 }, (_, i) => {
  const line = [550, 500, 85, 70, 60, null][Math.floor(R() * 6)];
  const base = line ?? 300 + Math.floor(R() * 400);
  const k = Math.floor(R() * 10);
  // 9 decimals as the summary's ROUND(…, 9) leaves them; most rows within a hair of the line, on either side.
  const offset = i % 5 === 0 ? R() * 40 - 20 : (R() < 0.5 ? -1 : 1) * Math.floor(R() * 10 ** (9 - k)) * 10 ** -9;
  const x = Number((base + offset).toFixed(9));
  return { x, line, expected: formatScore(exact(x), [line]) };
});
async function randomFile(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("S");
  randomRows.forEach((r, i) => {
    ws.getCell(`A${i + 1}`).value = r.x;
    if (r.line !== null) ws.getCell(`B${i + 1}`).value = r.line;
    ws.getCell(`C${i + 1}`).value = { formula: shownFormula(`A${i + 1}`, [`B${i + 1}`]), result: "" };
  });
  const f = path.join(dir, "random.xlsx");
  fs.writeFileSync(f, Buffer.from(await wb.xlsx.writeBuffer()));
  return f;
}

/** The file as written, and a what-if: 甲公司's bonus typed as 0.002 (final 549.997) and 0.005 (550.000). */
async function files(dir: string): Promise<string[]> {
  const bytes = await writeXlsx(layout);
  const original = path.join(dir, "original.xlsx");
  fs.writeFileSync(original, bytes);
  const out = [original];
  for (const [name, bonus] of [
    ["whatif-549997.xlsx", 0.002],
    ["whatif-550.xlsx", 0.005],
  ] as const) {
    const wb = await load(bytes);
    wb.getWorksheet("汇总")!.getCell(`${layout.map.ranking.columns.bonus}${rowOf(layout, "甲公司")}`).value = bonus;
    const f = path.join(dir, name);
    fs.writeFileSync(f, Buffer.from(await wb.xlsx.writeBuffer()));
    out.push(f);
  }
  out.push(await randomFile(dir));
  // A what-if on 专家分: 丙公司's material expert total typed as 499.99951 (the panel's score with it).
  const wb = await load(bytes);
  const pm = layout.map.panels;
  const r = pm.rows.find((x) => x.applicant === "丙公司" && x.stage === "material")!.row;
  wb.getWorksheet(pm.sheet)!.getCell(`${pm.columns.totals[0]}${r}`).value = 499.99951;
  const f = path.join(dir, "whatif-panel.xlsx");
  fs.writeFileSync(f, Buffer.from(await wb.xlsx.writeBuffer()));
  out.push(f);
  return out;
}

function reader(wb: ExcelJS.Workbook) {
  return (sheetName: string, ref: string) => {
    const cell = wb.getWorksheet(sheetName)!.getCell(ref);
    const v = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
    return v === null || v === undefined ? "" : typeof v === "object" && "error" in v ? v.error : v;
  };
}

/** What a reader sees for an applicant: the printed scores and the status on 汇总. */
function printed(wb: ExcelJS.Workbook, name: string) {
  const v = reader(wb);
  const c = layout.map.ranking.columns;
  const r = rowOf(layout, name);
  return {
    material: v("汇总", `${c.materialShown}${r}`),
    final: v("汇总", `${c.finalShown}${r}`),
    status: v("汇总", `${c.status}${r}`),
  };
}

/** Every text cell of a sheet (to find an applicant's printed score on the committee pages). */
function texts(wb: ExcelJS.Workbook, sheetName: string): string[] {
  const out: string[] = [];
  wb.getWorksheet(sheetName)!.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
      if (typeof v === "string" || typeof v === "number") out.push(String(v));
    }),
  );
  return out;
}

function checks(engine: () => ExcelJS.Workbook[]) {
  it("prints 549.995, 499.9999 and 84.995 with the decimals that keep them below their line", () => {
    const [wb] = engine();
    // The material score is compared with 500 only: 550.00 there contradicts nothing.
    expect(printed(wb, "甲公司")).toEqual({ material: "550.00", final: "549.995", status: "未达提名线" });
    expect(printed(wb, "乙公司")).toEqual({ material: "600.00", final: "572.00", status: "候选" });
    expect(printed(wb, "丙公司")).toMatchObject({ material: "499.9999", status: "未进入现场评审" });
    expect(printed(wb, "张三")).toMatchObject({ final: "84.995", status: "未达提名线" });
    expect(printed(wb, "李四")).toMatchObject({ final: "85.00", status: "候选" });
    // A roster's 12.9999999999: 84.9999999999 is below 85, decided and printed so (cut, not rounded, at 9 places).
    expect(printed(wb, "王五")).toMatchObject({ final: "84.999999999", status: "未达提名线" });
    expect(reader(wb)("汇总", `${layout.map.ranking.columns.public}${rowOf(layout, "王五")}`)).toBe(12.9999999999);
    // The same text the engine's one display rule gives (the cached values the file was written with).
    for (const a of result.applicants) {
      const shown = formatScore(a.final ?? a.material.score!, [a.final ? a.thresholds.final : a.thresholds.advance]);
      expect(a.final ? printed(wb, a.applicant).final : printed(wb, a.applicant).material).toBe(shown);
    }
  });

  it("专家分 prints each panel's score under the display rule: 499.9999 below the advance line is not 500.00", () => {
    const [wb] = engine();
    const v = reader(wb);
    const pm = layout.map.panels;
    const got = pm.rows.map((r) => ({ ...r, shown: v(pm.sheet, `${pm.columns.shown}${r.row}`) }));
    const want = pm.rows.map((r) => {
      const a = result.applicants.find((x) => x.applicant === r.applicant)!;
      const score = a[r.stage].score;
      return {
        ...r,
        shown: score === null ? "" : formatScore(score, r.stage === "material" ? [a.thresholds.advance] : []),
      };
    });
    expect(got).toEqual(want);
    expect(got.find((r) => r.applicant === "丙公司" && r.stage === "material")!.shown).toBe("499.9999");
    // After the what-if the text follows the live score: 499.99951 prints 499.9995, never 500.00.
    const after = reader(engine()[4]);
    const row = pm.rows.find((r) => r.applicant === "丙公司" && r.stage === "material")!.row;
    expect(after(pm.sheet, `${pm.columns.shown}${row}`)).toBe(formatScore(exact("499.99951"), [500]));
    expect(after(pm.sheet, `${pm.columns.shown}${row}`)).toBe("499.9995");
  });

  it("after a what-if the printed text follows the live value: 549.997 stays below 550, 550 reaches it", () => {
    const [, near, at] = engine();
    expect(printed(near, "甲公司")).toMatchObject({ final: "549.997", status: "未达提名线" });
    expect(printed(at, "甲公司")).toMatchObject({ final: "550.00", status: "候选" });
  });

  it("得分图, 候选名单 and 表决记录表 print the same text, with the status beside each bar", () => {
    const [wb, near] = engine();
    const chart = texts(wb, COMMITTEE_SHEET.chart);
    expect(chart).toContain("甲公司\n未达提名线  549.995");
    expect(chart).toContain("张三\n未达提名线  84.995");
    expect(chart).toContain("王五\n未达提名线  84.999999999");
    expect(texts(near, COMMITTEE_SHEET.chart)).toContain("甲公司\n未达提名线  549.997");
    for (const s of [COMMITTEE_SHEET.chart, COMMITTEE_SHEET.candidateList, COMMITTEE_SHEET.vote])
      for (const t of texts(wb, s)) expect(t).not.toMatch(/550\.00|500\.00/);
    const candidates = texts(wb, COMMITTEE_SHEET.candidateList);
    expect(candidates).toContain("572.00");
    expect(candidates).toContain("85.00");
    expect(candidates.some((t) => t.includes("549.99"))).toBe(false);
    expect(texts(wb, COMMITTEE_SHEET.vote)).toContain("572.00");
    expect(texts(wb, COMMITTEE_SHEET.advanceList).some((t) => t.startsWith("499.99"))).toBe(false);
    expect(STATUS_TEXT["below-threshold"].zh).toBe("未达提名线");
  });

  it("prints every random score near a line exactly as the engine's display rule does", () => {
    const v = reader(engine()[3]);
    const got = randomRows.map((r, i) => ({ x: r.x, line: r.line, shown: v("S", `C${i + 1}`) }));
    expect(got).toEqual(randomRows.map((r) => ({ x: r.x, line: r.line, shown: r.expected })));
    // The sample reaches beyond two decimals often enough to mean something.
    expect(randomRows.filter((r) => r.expected.split(".")[1].length > 2).length).toBeGreaterThan(50);
  });
}

describeWithLibreOffice("the display rule after LibreOffice recalculates the summary", () => {
  const books: ExcelJS.Workbook[] = [];
  beforeAll(async () => {
    if (!hasLibreOffice && process.env.CI !== "true") return;
    const dir = tmpDir("scorebook-display-lo-");
    const res = recalc(await files(dir), path.join(dir, "out"));
    for (const o of res.outputs) books.push(await load(fs.readFileSync(o)));
  }, 180_000);
  checks(() => books);
});

describeWithGnumeric("the display rule after Gnumeric recalculates the summary", () => {
  const books: ExcelJS.Workbook[] = [];
  beforeAll(async () => {
    if (!hasGnumeric && process.env.CI !== "true") return;
    const dir = tmpDir("scorebook-display-gn-");
    for (const o of await gnumericRecalc(await files(dir), path.join(dir, "out")))
      books.push(await load(fs.readFileSync(o)));
  }, 180_000);
  checks(() => books);
});
