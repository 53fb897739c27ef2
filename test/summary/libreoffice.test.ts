// A real spreadsheet engine recalculates the native-mode summary (LibreOffice, which never trusts the cached values
// here): every formula of every sheet gives the engine's value, and the ranking — final scores, statuses, ranks —
// matches the engine's. Then parameter cells are changed in the file (nomination threshold; stage weight, panel
// method and top N), and what-if inputs (vetoes, an expert's total), the cached values removed, and recalculated
// again: each time the same as the engine run with the same change. One soffice call for all files.
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import {
  aggregate,
  exact,
  STATUS_TEXT,
  summaryFigureValue,
  toNumber,
  type AggregateOptions,
  type AggregateResult,
  type SummaryFigure,
} from "../../src/core";
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
  // Summaries aggregated with other options (as `aggregate --stage material` or `--final` writes them), recalculated
  // as written: every cell that names a figure must show the engine's value for it.
  const others: { name: string; options: AggregateOptions }[] = [
    { name: "material-run", options: { stage: "material" } },
    { name: "line-500", options: { thresholds: { final: exact(500) } } },
  ];

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
    for (const o of others) {
      const file = path.join(dir, `${o.name}.xlsx`);
      const l = buildSummaryLayout(fixtureResult(o.options), {
        aggregate: o.options,
        createdAt: "2026-06-10T08:00:00.000Z",
      });
      fs.writeFileSync(file, await writeXlsx(l));
      files.push(file);
    }
    const res = recalc(files, path.join(dir, "out"));
    for (const [i, v] of variants.entries()) out.set(v.name, await load(fs.readFileSync(res.outputs[i])));
    for (const [i, o] of others.entries())
      out.set(o.name, await load(fs.readFileSync(res.outputs[variants.length + i])));
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

  /** Every cell of `l` that names a figure, against the engine's value for it in the recalculated workbook. */
  function figureDiffs(
    l: SummaryLayout,
    wb: ExcelJS.Workbook,
    engine: AggregateResult,
    ruleSet?: string,
  ): { n: number; diffs: string[] } {
    const inSet = new Set(
      l.map.ranking.groups
        .filter((g) => !ruleSet || g.ruleSet === ruleSet)
        .flatMap((g) => g.rows.map((r) => r.applicant)),
    );
    const diffs: string[] = [];
    let n = 0;
    for (const sheet of l.sheets)
      for (const cell of sheet.cells) {
        if (!cell.shows || !("applicant" in cell.shows) || !inSet.has(cell.shows.applicant)) continue;
        n++;
        const want = summaryFigureValue(engine, cell.shows);
        const c = wb.getWorksheet(sheet.name)!.getCell(cell.ref);
        const raw = c.type === ExcelJS.ValueType.Formula ? c.result : c.value;
        const got =
          raw === undefined || raw === null
            ? ""
            : typeof raw === "object" && "error" in raw
              ? (raw as { error: string }).error
              : raw;
        const same = typeof want === "number" && typeof got === "number" ? Math.abs(want - got) < 1e-9 : want === got;
        if (!same)
          diffs.push(
            `${sheet.name}!${cell.ref} ${JSON.stringify(cell.shows)}: engine ${JSON.stringify(want)}, file ${JSON.stringify(got)}`,
          );
      }
    return { n, diffs };
  }

  it.each(["as-written", "threshold-600", "weight-method-topn", "what-if"])(
    "%s: every cell naming a figure (汇总, 专家分, 明细, 得分图, the lists, 报告数据) recalculates to the engine's value",
    (name) => {
      const v = variants.find((x) => x.name === name)!;
      // A parameter edited in one rule set's column: the engine applies the option to every rule set.
      const only = name === "threshold-600" || name === "weight-method-topn" ? "hebei-organization" : undefined;
      const { n, diffs } = figureDiffs(layout, out.get(name)!, v.engine(), only);
      expect(n).toBeGreaterThan(150);
      expect(diffs).toEqual([]);
    },
  );

  it.each(["material-run", "line-500"])(
    "%s: the cached figures are the engine's, as LibreOffice recalculates them",
    (name) => {
      const o = others.find((x) => x.name === name)!;
      const engine = fixtureResult(o.options);
      const l = buildSummaryLayout(engine, { aggregate: o.options, createdAt: "2026-06-10T08:00:00.000Z" });
      const { n, diffs } = figureDiffs(l, out.get(name)!, engine);
      expect(n).toBeGreaterThan(100);
      expect(diffs).toEqual([]);
      // and the cached value written is the one recalculated
      for (const sheet of l.sheets)
        for (const cell of sheet.cells)
          if (cell.shows)
            expect([sheet.name, cell.ref, cell.result]).toEqual([
              sheet.name,
              cell.ref,
              summaryFigureValue(engine, cell.shows as SummaryFigure),
            ]);
    },
  );
});
