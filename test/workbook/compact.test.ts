// The compact print of the scoring workbook (generate --print compact): 评分 with item names only, the scoring points
// in an appendix of 评分指南; every cell a reader or a formula looks at stays where the full layout has it, so a
// returned compact workbook is read like any other.
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import { library, vetoAnswerFor, type RubricBundle } from "../../src/core";
import { buildLayout, interpret, SHEET, type InitialValues, type SheetLayout } from "../../src/workbook";
import { guidanceText } from "../../src/workbook/sheets/scoring";
import { readXlsx, writeXlsx } from "../../src/xlsx";
import { convert, describeWithLibreOffice } from "../helpers/libreoffice";
import { meta, tmpDir } from "../helpers/workbooks";

const lib = library();

function filled(b: RubricBundle): InitialValues {
  return {
    entries: Object.fromEntries(
      b.rubric.items.map((i) => [
        i.code,
        {
          value: b.rubric.scoring === "points" ? i.points / 2 : 0.5,
          strengths: "领导重视，制度完善。",
          opportunities: "数据分析可以更深入。",
        },
      ]),
    ),
    vetoes: Object.fromEntries(b.rules.vetoes.map((v) => [v.id, { answer: vetoAnswerFor(v, false), note: "已核查" }])),
    declaration: { answer: "无利害关系" },
  };
}

const cellsOf = (s: SheetLayout) => JSON.stringify(s.cells);

describe("compact print", () => {
  for (const id of ["hebei-organization", "hebei-individual-senior", "jiangmen-medical"]) {
    it(`${id}: 评分 hides the scoring points and prints portrait; every cell as in the full layout`, () => {
      const b = lib.get(id)!;
      const full = buildLayout(b, meta(), filled(b));
      const compact = buildLayout(b, meta(), filled(b), { print: "compact" });
      const scoring = compact.sheets.find((s) => s.name === SHEET.scoring)!;
      const guidanceCol = compact.map.scoring.columns.guidance;
      expect(scoring.columns.find((c) => c.col === guidanceCol)?.hidden).toBe(true);
      expect(scoring.print?.orientation).toBe("portrait");
      expect(full.sheets.find((s) => s.name === SHEET.scoring)!.print?.orientation).toBe("landscape");
      // Same sheets, same map; every sheet's cells the same except 评分指南 (the appendix) and 评分's note row.
      expect(compact.sheets.map((s) => s.name)).toEqual(full.sheets.map((s) => s.name));
      expect(compact.map).toEqual(full.map);
      for (const s of compact.sheets) {
        if (s.name === SHEET.guide) continue;
        const f = full.sheets.find((x) => x.name === s.name)!;
        const strip = (x: SheetLayout) => x.cells.filter((c) => x.name !== SHEET.scoring || c.ref !== "A3");
        expect(JSON.stringify(strip(s))).toBe(JSON.stringify(strip(f)));
      }
      // The note says where the scoring points went.
      const note = scoring.cells.find((c) => c.ref === "A3")!.value as string;
      expect(note).toContain(`“${SHEET.guide}”工作表的附录`);
    });

    it(`${id}: 评分指南 gains an appendix with every item's scoring points, on a page of its own`, () => {
      const b = lib.get(id)!;
      const full = buildLayout(b, meta());
      const compact = buildLayout(b, meta(), {}, { print: "compact" });
      const guide = compact.sheets.find((s) => s.name === SHEET.guide)!;
      const fullGuide = full.sheets.find((s) => s.name === SHEET.guide)!;
      expect(cellsOf(fullGuide)).not.toContain("附录");
      const texts = guide.cells.map((c) => c.value);
      expect(texts).toContain(`附录：各评价项目的${b.rubric.scoring === "maturity" ? "评分要点" : "评价内容"}`);
      for (const item of b.rubric.items) {
        expect(texts).toContain(item.code);
        expect(texts).toContain(guidanceText(b, item.code));
      }
      const appendixRow = Number(guide.cells.find((c) => String(c.value).startsWith("附录"))!.ref.slice(1));
      expect(guide.pageBreaks).toEqual([appendixRow]);
      const lastRow = Math.max(...guide.cells.map((c) => Number(c.ref.replace(/^[A-Z]+/, ""))));
      expect(guide.print!.area).toMatch(new RegExp(`:[A-Z]+${lastRow}$`));
    });
  }

  it("the full print is the default and unchanged by the option", () => {
    const b = lib.get("hebei-organization")!;
    expect(JSON.stringify(buildLayout(b, meta(), {}, { print: "full" }))).toBe(JSON.stringify(buildLayout(b, meta())));
  });

  it("a returned compact workbook is read like a full one: same total, no problem", async () => {
    const b = lib.get("hebei-organization")!;
    const read = async (print: "full" | "compact") =>
      interpret(await readXlsx(await writeXlsx(buildLayout(b, meta(), filled(b), { print })), `${print}.xlsx`));
    const [full, compact] = [await read("full"), await read("compact")];
    expect(compact.problems).toEqual([]);
    expect(compact.total.equals(full.total)).toBe(true);
    expect(compact.items.map((i) => i.value)).toEqual(full.items.map((i) => i.value));
  });
});

describeWithLibreOffice("compact print as LibreOffice prints it (PDF)", () => {
  /** Pages of a PDF whose text has every word (the 评分 pages repeat its header row, 改进机会 among it). */
  const pagesWith = (pdf: string, words: string[]): number[] => {
    const n = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
    const hits: number[] = [];
    for (let p = 1; p <= n; p++) {
      const t = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"], { encoding: "utf8" });
      if (words.every((w) => t.includes(w))) hits.push(p);
    }
    return hits;
  };

  it("Hebei organisation (23 items): 评分 on 2 pages compact, 8 full; the appendix holds every item", async () => {
    const dir = tmpDir("scorebook-compact-");
    const b = lib.get("hebei-organization")!;
    const files: string[] = [];
    for (const print of ["full", "compact"] as const) {
      const f = path.join(dir, `${print}.xlsx`);
      fs.writeFileSync(f, await writeXlsx(buildLayout(b, meta(), filled(b), { print })));
      files.push(f);
    }
    const [fullPdf, compactPdf] = convert(files, "pdf", path.join(dir, "pdf")).outputs;
    const scoringHeader = ["成熟度", "改进机会", "检查"];
    expect(pagesWith(fullPdf, scoringHeader)).toHaveLength(8);
    const compactScoring = pagesWith(compactPdf, scoringHeader);
    expect(compactScoring).toHaveLength(2);
    // Item names on 评分, no scoring points there: the first item's first line only in the appendix.
    const firstPoint = guidanceText(b, b.rubric.items[0].code).split("\n")[0].slice(0, 12);
    const scoringText = compactScoring
      .map((p) => execFileSync("pdftotext", ["-f", String(p), "-l", String(p), compactPdf, "-"], { encoding: "utf8" }))
      .join("");
    for (const item of b.rubric.items) expect(scoringText).toContain(item.name);
    expect(scoringText).not.toContain(firstPoint);
    const appendix = pagesWith(compactPdf, ["评分要点"]).filter((p) => !compactScoring.includes(p));
    const appendixText = appendix
      .map((p) => execFileSync("pdftotext", ["-f", String(p), "-l", String(p), compactPdf, "-"], { encoding: "utf8" }))
      .join("");
    expect(appendixText).toContain("附录：各评价项目的评分要点");
    expect(appendixText).toContain(firstPoint);
  }, 180_000);
});
