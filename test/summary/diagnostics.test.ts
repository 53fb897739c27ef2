// The 合议 agenda and the panels' diagnostics in the summary workbook, for a round in which experts disagree a lot:
// 合议清单 grouped by applicant and stage on as many pages as needed (header on every page, 10 pt, rows as high as
// their text); 评审专家评价表's per-panel block (mean, trimmed mean, median, z-scores, Kendall's W) as the engine
// computes it, and after a what-if on 专家分 as LibreOffice (and Gnumeric) recalculate it.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  aggregate,
  exact,
  formatScore,
  formatStat,
  panelDiagnostics,
  type AggregateResult,
  type ApplicantResult,
  type StageId,
} from "../../src/core";
import { buildSummaryLayout, rubricInfo, type SummaryLayout } from "../../src/summary";
import { COMMITTEE_SHEET } from "../../src/summary/committee";
import { SUMMARY_STYLES, COMMITTEE_STYLES } from "../../src/summary/sheets/styles";
import { rowHeight, wrappedLines } from "../../src/workbook/text";
import type { SheetLayout } from "../../src/workbook/types";
import { readXlsxFile, writeXlsx } from "../../src/xlsx";
import { gnumericRecalc, hasGnumeric } from "../helpers/gnumeric";
import { convert, describeWithLibreOffice, recalc } from "../helpers/libreoffice";
import { load, save, tmpDir } from "../helpers/workbooks";
import { divergentRound } from "./divergent-round";

let result: AggregateResult;
let layout: SummaryLayout;
beforeAll(() => {
  result = aggregate(divergentRound(), rubricInfo());
  layout = buildSummaryLayout(result, { createdAt: "2026-06-01T00:00:00Z" });
});

const sheetOf = (name: string): SheetLayout => layout.sheets.find((s) => s.name === name)!;
const cellText = (s: SheetLayout, ref: string) => {
  const c = s.cells.find((x) => x.ref === ref);
  return c === undefined ? undefined : c.formula !== undefined ? c.result : c.value;
};
const rowOf = (ref: string) => Number(ref.replace(/^[A-Z]+/, ""));
const styles = { ...SUMMARY_STYLES, ...COMMITTEE_STYLES };

describe("合议清单 for a round with many divergent items", () => {
  it("groups the items by applicant and stage, in ranking order, material before on-site", () => {
    expect(result.divergences.length).toBeGreaterThan(30);
    const s = sheetOf(COMMITTEE_SHEET.consensusList);
    const titles = s.cells
      .filter((c) => c.ref.startsWith("A") && typeof c.value === "string" && c.value.includes(" · "))
      .map((c) => ({ row: rowOf(c.ref), text: c.value as string }));
    const expected = result.applicants
      .filter((a) => a.rank !== null)
      .sort((x, y) => x.rank! - y.rank!)
      .flatMap((a) =>
        (["material", "onsite"] as const)
          .filter((st) => result.divergences.some((d) => d.applicant === a.applicant && d.stage === st))
          .map((st) => `${a.applicant} · ${st === "material" ? "材料评审" : "现场评审"}`),
      );
    expect(titles.map((t) => t.text.split("（")[0])).toEqual(expected);
    // Under each title, exactly that panel's divergent items (codes in column A), in rubric order.
    titles.forEach((t, i) => {
      const end = i + 1 < titles.length ? titles[i + 1].row : Infinity;
      const codes = s.cells
        .filter((c) => c.ref.startsWith("A") && rowOf(c.ref) > t.row && rowOf(c.ref) < end)
        .map((c) => c.value);
      const [applicant, stageName] = t.text.split("（")[0].split(" · ");
      const stage: StageId = stageName === "材料评审" ? "material" : "onsite";
      const want = result.divergences.filter((d) => d.applicant === applicant && d.stage === stage).map((d) => d.code);
      expect(codes).toEqual(want);
      expect(t.text).toContain(`分歧 ${want.length} 项`);
      expect(t.text).toMatch(/一致性 W \d\.\d\d/);
    });
  });

  it("prints on as many pages as needed: header repeated, 9 pt or more at full size, no row lower than its text", () => {
    const s = sheetOf(COMMITTEE_SHEET.consensusList);
    expect(s.print).toMatchObject({ fitToWidth: 1, fitToHeight: 0, titleRows: { first: 3, last: 3 } });
    // Full size: the columns fit the page as LibreOffice measures it (about 110 units), so 10 pt stays 10 pt.
    expect(s.columns.reduce((a, c) => a + c.width, 0)).toBeLessThanOrEqual(110);
    const sizes = s.cells.map((c) => styles[c.style!]?.font?.size ?? 11);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
    const width = (col: string) => s.columns.find((c) => c.col === col)!.width;
    for (const c of s.cells) {
      if (typeof c.value !== "string" || s.merges.some((m) => m.startsWith(`${c.ref}:`))) continue;
      const size = styles[c.style!]?.font?.size ?? 11;
      const height = s.rows.find((r) => r.row === rowOf(c.ref))?.height ?? 15;
      const col = c.ref.replace(/\d+$/, "");
      const needed = rowHeight(wrappedLines(c.value, width(col), size), size);
      expect([c.ref, c.value, height >= needed]).toEqual([c.ref, c.value, true]);
    }
    // A panel's title never ends a page: the row after every break is never the row after a title.
    const titleRows = new Set(
      s.cells.filter((c) => c.ref.startsWith("A") && String(c.value).includes(" · ")).map((c) => rowOf(c.ref)),
    );
    expect(s.pageBreaks?.length).toBeGreaterThan(0);
    for (const b of s.pageBreaks ?? []) expect(titleRows.has(b - 1)).toBe(false);
  });
});

/** The panel rows of 评审专家评价表's diagnostics block: applicant and stage → row. */
function panelRows(s: SheetLayout): Map<string, number> {
  const head = s.cells.find((c) => c.value === "各专家 z 值")!;
  const out = new Map<string, number>();
  for (const c of s.cells)
    if (c.ref.startsWith("B") && rowOf(c.ref) > rowOf(head.ref) && typeof c.value === "string") {
      const stage = cellText(s, `C${rowOf(c.ref)}`);
      // (the header row again on a later page is no panel)
      if (stage === "材料评审" || stage === "现场评审") out.set(`${c.value}|${stage}`, rowOf(c.ref));
    }
  return out;
}

/** What the block must show for a panel, from core's diagnostics of `totals`. */
function expectedRow(a: ApplicantResult, stage: StageId, totals = a[stage].totals) {
  const d = panelDiagnostics(totals);
  const line = stage === "material" ? a.thresholds.advance : null;
  const show = (x: Parameters<typeof formatScore>[0] | null) => (x === null ? "" : formatScore(x, [line]));
  return {
    F: show(d.mean),
    G: d.trimmed === null ? "不足 3 人" : show(d.trimmed),
    H: show(d.median),
    J:
      d.notes.z?.code === "stats-z-few"
        ? "不足 3 人，不计 z 值"
        : d.z.map((z, i) => `${a[stage].experts[i]} ${formatStat(z).replace("-", "\u2212")}`).join("\n"),
  };
}

describe("评审专家评价表: each panel's diagnostics beside its score", () => {
  it("as the engine computes them, with the small panel said in words and W per panel", () => {
    const s = sheetOf(COMMITTEE_SHEET.expertReview);
    const rows = panelRows(s);
    expect(rows.size).toBe(result.applicants.length * 2);
    for (const a of result.applicants)
      for (const stage of ["material", "onsite"] as const) {
        const r = rows.get(`${a.applicant}|${stage === "material" ? "材料评审" : "现场评审"}`)!;
        const want = expectedRow(a, stage);
        expect(["F", "G", "H", "J"].map((c) => cellText(s, `${c}${r}`))).toEqual([want.F, want.G, want.H, want.J]);
        expect(cellText(s, `I${r}`)).toBe(formatStat(a[stage].diagnostics.agreement.w));
        expect(cellText(s, `E${r}`)).toBe(
          formatScore(a[stage].score!, [stage === "material" ? a.thresholds.advance : null]),
        );
      }
    // The small panel (2 experts): no trimming, no z-scores, said so.
    const small = [...rows.keys()].filter((k) => cellText(s, `D${rows.get(k)}`) === 2);
    expect(small).toHaveLength(1);
    expect(cellText(s, `G${rows.get(small[0])}`)).toBe("不足 3 人");
    expect(cellText(s, `J${rows.get(small[0])}`)).toBe("不足 3 人，不计 z 值");
  });
});

describeWithLibreOffice("the diagnostics after a what-if, as LibreOffice and Gnumeric recalculate them", () => {
  it("follow an expert's total changed on 专家分; 合议清单 prints at 10 pt with its header on every page", async () => {
    const dir = tmpDir("scorebook-diagnostics-");
    const data = await writeXlsx(layout);
    // What-if: the first expert of the first panel gives 80 points more (on 专家分, an input).
    const a = result.applicants.find((x) => x.material.totals.length === 5)!;
    const prow = layout.map.panels.rows.find((r) => r.applicant === a.applicant && r.stage === "material")!.row;
    const col = layout.map.panels.columns.totals[0];
    const wb = await load(data);
    const changed = Number(a.material.totals[0].valueOf()) + 80;
    wb.getWorksheet(layout.map.panels.sheet)!.getCell(`${col}${prow}`).value = changed;
    const files = [path.join(dir, "as-written.xlsx"), path.join(dir, "what-if.xlsx")];
    fs.writeFileSync(files[0], data);
    fs.writeFileSync(files[1], await save(wb));
    const engines = [recalc(files, path.join(dir, "lo")).outputs];
    if (hasGnumeric || process.env.CI === "true") engines.push(await gnumericRecalc(files, path.join(dir, "gn")));
    const s = sheetOf(COMMITTEE_SHEET.expertReview);
    const rows = panelRows(s);
    const r = rows.get(`${a.applicant}|材料评审`)!;
    const whatIf = expectedRow(a, "material", [exact(changed), ...a.material.totals.slice(1)]);
    for (const [asWritten, edited] of engines) {
      const before = await readXlsxFile(asWritten);
      const after = await readXlsxFile(edited);
      const sheet = COMMITTEE_SHEET.expertReview;
      for (const [key, row] of rows)
        for (const c of ["D", "E", "F", "G", "H", "J"])
          expect([key, c, before.value(sheet, `${c}${row}`)]).toEqual([key, c, cellText(s, `${c}${row}`)]);
      expect(["F", "G", "H", "J"].map((c) => after.value(sheet, `${c}${r}`))).toEqual([
        whatIf.F,
        whatIf.G,
        whatIf.H,
        whatIf.J,
      ]);
      expect(whatIf.F).not.toBe(cellText(s, `F${r}`));
    }
    // The printed 合议清单: two pages or more, the column header on each, text at 10 pt (a CJK glyph 1 em wide).
    const pdf = convert([files[0]], "pdf", path.join(dir, "pdf")).outputs[0];
    const n = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
    const agenda: string[] = [];
    let inAgenda = false;
    for (let p = 1; p <= n; p++) {
      const t = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), "-bbox", pdf, "-"], { encoding: "utf8" });
      if (t.includes(">合议清单（专家分歧项目）<")) inAgenda = true;
      else if (inAgenda && !t.includes(">各专家评分<")) inAgenda = false;
      if (inAgenda) agenda.push(t);
    }
    expect(agenda.length).toBeGreaterThanOrEqual(2);
    const codes = new Set<string>();
    for (const t of agenda) {
      const head = /<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>编号<\/word>/.exec(t)!;
      expect((Number(head[2]) - Number(head[1])) / 2).toBeGreaterThanOrEqual(9);
      for (const m of t.matchAll(/>(\d\.\d)<\/word>/g)) codes.add(m[1]);
    }
    expect(codes.size).toBeGreaterThan(10);
  }, 180_000);
});
