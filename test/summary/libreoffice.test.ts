// A real spreadsheet engine recalculates the native-mode summary (LibreOffice, which never trusts the cached values
// here): every formula of every sheet gives the engine's value, and the ranking — final scores, statuses, ranks —
// matches the engine's. Then parameter cells are changed in the file (nomination threshold; stage weight, panel
// method and top N), and what-if inputs (vetoes, an expert's total), the cached values removed, and recalculated
// again: each time the same as the engine run with the same change. One soffice call for all files.
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { aggregate, exact, STATUS_TEXT, toNumber, type AggregateResult } from "../../src/core";
import { buildSummaryLayout, rubricInfo, type SummaryLayout } from "../../src/summary";
import { writeXlsx } from "../../src/xlsx";
import { describeWithLibreOffice, recalc } from "../helpers/libreoffice";
import { clearCache, load, save, tmpDir } from "../helpers/workbooks";
import { fixtureResult, fixtureSheets, ROSTER } from "./fixtures";

type View = Record<string, { final: number | ""; rank: number | null; status: string }>;

function engineView(result: AggregateResult, ruleSet?: string): View {
  return Object.fromEntries(
    result.applicants
      .filter((a) => a.rubricId && (!ruleSet || rubricInfo()(a.rubricId)?.rules.id === ruleSet))
      .map((a) => [
        a.applicant,
        {
          final: a.final === null ? "" : Math.round(toNumber(a.final) * 1e6) / 1e6,
          rank: a.rank ?? a.wouldBeRank,
          status: STATUS_TEXT[a.status].zh,
        },
      ]),
  );
}

function fileView(wb: ExcelJS.Workbook, layout: SummaryLayout, ruleSet?: string): View {
  const ws = wb.getWorksheet("汇总")!;
  const c = layout.map.ranking.columns;
  const v = (ref: string) => {
    const cell = ws.getCell(ref);
    const x = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
    return x === undefined || x === null ? "" : (x as number | string);
  };
  return Object.fromEntries(
    layout.map.ranking.groups
      .filter((g) => !ruleSet || g.ruleSet === ruleSet)
      .flatMap((g) => g.rows)
      .map((r) => {
        const f = v(`${c.final}${r.row}`);
        const rank = v(`${c.rank}${r.row}`);
        return [
          r.applicant,
          {
            final: typeof f === "number" ? Math.round(f * 1e6) / 1e6 : f,
            rank: rank === "" ? null : Number(rank),
            status: String(v(`${c.status}${r.row}`)),
          },
        ];
      }),
  ) as View;
}

describeWithLibreOffice("LibreOffice recalculation of the native summary", () => {
  const result = fixtureResult();
  const layout = buildSummaryLayout(result, { mode: "native", createdAt: "2026-06-10T08:00:00.000Z" });
  const p = layout.map.parameters;
  const param = (key: keyof typeof p.rows) => `${p.columns["hebei-organization"]}${p.rows[key]}`;
  const c = layout.map.ranking.columns;
  const rowOf = (name: string) =>
    layout.map.ranking.groups.flatMap((g) => g.rows).find((r) => r.applicant === name)!.row;
  const pm = layout.map.panels;

  const variants: { name: string; edit: (wb: ExcelJS.Workbook) => void; engine: () => AggregateResult }[] = [
    { name: "as-written", edit: () => undefined, engine: () => result },
    {
      name: "threshold-600",
      edit: (wb) => (wb.getWorksheet(p.sheet)!.getCell(param("final")).value = 600),
      engine: () => fixtureResult({ thresholds: { final: exact(600) } }),
    },
    {
      name: "weight-method-topn",
      edit: (wb) => {
        const ws = wb.getWorksheet(p.sheet)!;
        ws.getCell(param("materialWeight")).value = 0.5;
        ws.getCell(param("method")).value = "去掉最高分和最低分后的平均分";
        ws.getCell(param("topN")).value = 2;
      },
      engine: () => fixtureResult({ materialWeight: exact(0.5), method: "trimmed", thresholds: { topN: 2 } }),
    },
    {
      name: "what-if",
      edit: (wb) => {
        const ws = wb.getWorksheet("汇总")!;
        // The secretariat clears 乙's flag (不予否决) and confirms a veto of its own for 己 (确认否决).
        ws.getCell(`${c.veto}${rowOf("乙公司")}`).value = "不予否决";
        ws.getCell(`${c.veto}${rowOf("己公司")}`).value = "确认否决";
        ws.getCell(`${c.bonus}${rowOf("戊公司")}`).value = 10;
        const r = pm.rows.find((x) => x.applicant === "庚公司" && x.stage === "onsite")!.row;
        wb.getWorksheet(pm.sheet)!.getCell(`${pm.columns.totals[0]}${r}`).value = 700;
      },
      engine: () => {
        const sheets = fixtureSheets().map((s) => {
          if (s.applicant === "庚公司" && s.expert === "现专家1" && s.total.equals(500))
            return { ...s, total: exact(700) };
          return s;
        });
        return aggregate(sheets, rubricInfo(), [
          ...ROSTER,
          { applicant: "戊公司", bonus: true },
          { applicant: "乙公司", veto: "cleared" },
          { applicant: "己公司", veto: "confirmed" },
        ]);
      },
    },
  ];
  const out = new Map<string, ExcelJS.Workbook>();
  let original: ExcelJS.Workbook;

  beforeAll(async () => {
    const dir = tmpDir("scorebook-summary-lo-");
    const data = await writeXlsx(layout);
    original = await load(data);
    const files: string[] = [];
    for (const v of variants) {
      const wb = await load(data);
      v.edit(wb);
      if (v.name !== "as-written") clearCache(wb);
      const file = path.join(dir, `${v.name}.xlsx`);
      fs.writeFileSync(file, v.name === "as-written" ? data : await save(wb));
      files.push(file);
    }
    const res = recalc(files, path.join(dir, "out"));
    for (const [i, v] of variants.entries()) out.set(v.name, await load(fs.readFileSync(res.outputs[i])));
  }, 180_000);

  it("every formula of every sheet recalculates to the engine's cached value", () => {
    const recalculated = out.get("as-written")!;
    const diffs: string[] = [];
    let n = 0;
    original.eachSheet((ws) => {
      const other = recalculated.getWorksheet(ws.name)!;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          n++;
          const o = other.getCell(cell.address);
          const norm = (x: unknown) =>
            x === undefined || x === null
              ? ""
              : typeof x === "object" && "error" in x
                ? (x as { error: string }).error
                : x;
          const a = norm(cell.result);
          const b = norm(o.type === ExcelJS.ValueType.Formula ? o.result : o.value);
          const same = typeof a === "number" && typeof b === "number" ? Math.abs(a - b) < 1e-9 : a === b;
          if (!same)
            diffs.push(
              `${ws.name}!${cell.address}: cached ${JSON.stringify(a)}, LibreOffice ${JSON.stringify(b)} (${cell.formula})`,
            );
        }),
      );
    });
    expect(n).toBeGreaterThan(500);
    expect(diffs).toEqual([]);
  });

  it("the recalculated ranking is the engine's (boundaries: material exactly 500, final exactly 550)", () => {
    const view = fileView(out.get("as-written")!, layout);
    expect(view).toEqual(engineView(result));
    expect(view["甲公司"]).toEqual({ final: 550, rank: 4, status: "候选" });
    expect(view["乙公司"]).toMatchObject({ rank: 1, status: "否决待核实" });
  });

  it.each(["threshold-600", "weight-method-topn", "what-if"])(
    "after %s in the file, recalculated like the engine",
    (name) => {
      const v = variants.find((x) => x.name === name)!;
      const view = fileView(out.get(name)!, layout, "hebei-organization");
      expect(view).toEqual(engineView(v.engine(), "hebei-organization"));
      if (name === "threshold-600") expect(view["甲公司"].status).toBe("未达提名线");
      if (name === "weight-method-topn") expect(Object.values(view).some((x) => x.status === "超出名额")).toBe(true);
    },
  );
});
