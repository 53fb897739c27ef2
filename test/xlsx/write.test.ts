// The written .xlsx, read back with ExcelJS (and as raw XML where ExcelJS hides a detail): sheets, defined names,
// validation, conditional formats, protection, print setup, freeze panes, widths and text-only user names.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { library } from "../../src/core";
import { SHEET } from "../../src/workbook";
import { cellTextFormula } from "../../src/workbook/formulas";
import { generate, load } from "../helpers/workbooks";

/** Parts of the worksheet model that ExcelJS's typings leave out. */
type WorksheetModel = ExcelJS.Worksheet & {
  conditionalFormattings: { ref: string; rules: ExcelJS.ConditionalFormattingRule[] }[];
  sheetProtection?: { sheet?: boolean; hashValue?: string };
};
const model = (ws: ExcelJS.Worksheet) => ws as WorksheetModel;

async function sheetXml(buffer: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const book = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(rId\\d+)"`).exec(book)![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)!;
  return zip.file(`xl/${(target[1] ?? target[2]).replace(/^\/xl\//, "")}`)!.async("string");
}

describe("the written workbook (read back)", () => {
  it("has the sheets in order, the metadata sheet very hidden, and the scoring sheet active", async () => {
    const { buffer } = await generate("hebei-organization");
    const wb = await load(buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      SHEET.cover,
      SHEET.scoring,
      SHEET.vetoes,
      SHEET.bonus,
      SHEET.guide,
      SHEET.meta,
    ]);
    expect(wb.getWorksheet(SHEET.meta)!.state).toBe("veryHidden");
    expect(wb.worksheets.filter((w) => w.name !== SHEET.meta).every((w) => w.state === "visible")).toBe(true);
    const jm = await load((await generate("jiangmen-service")).buffer);
    expect(jm.worksheets.map((w) => w.name)).toEqual([
      SHEET.cover,
      SHEET.scoring,
      SHEET.vetoes,
      SHEET.guide,
      SHEET.meta,
    ]); // no bonus in Jiangmen
    expect(jm.getWorksheet(SHEET.meta)!.getCell("B3").value).toBe("jiangmen-service");
  });

  it("defines Codes, Points, Maturity, Scores, Total and Vetoes with workbook scope, in item order", async () => {
    const { layout, buffer } = await generate("hebei-organization");
    const wb = await load(buffer);
    const model = (wb.definedNames as unknown as { model: { name: string; ranges: string[]; localSheetId?: number }[] })
      .model;
    const names = Object.fromEntries(model.filter((n) => n.localSheetId === undefined).map((n) => [n.name, n.ranges]));
    const m = layout.map.scoring;
    expect(names).toMatchObject({
      Codes: [`'评分'!$A$${m.firstItemRow}:$A$${m.lastItemRow}`],
      Points: [`'评分'!$D$${m.firstItemRow}:$D$${m.lastItemRow}`],
      Maturity: [`'评分'!$G$${m.firstItemRow}:$G$${m.lastItemRow}`],
      Scores: [`'评分'!$H$${m.firstItemRow}:$H$${m.lastItemRow}`],
      Total: [`'评分'!$H$${m.totalRow}`],
      Vetoes: [`'否决'!$E$5:$E$11`],
    });
    expect(names.Awarded).toBeUndefined();
    const ws = wb.getWorksheet(SHEET.scoring)!;
    const codes = [];
    for (let r = m.firstItemRow; r <= m.lastItemRow; r++) codes.push(ws.getCell(`A${r}`).value);
    expect(codes).toEqual(
      library()
        .get("hebei-organization")!
        .rubric.items.map((i) => i.code),
    );
    // Points rubrics name the input column Awarded.
    const ind = await load((await generate("hebei-individual-senior")).buffer);
    const indNames = (ind.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model.map(
      (n) => n.name,
    );
    expect(indNames).toEqual(expect.arrayContaining(["Codes", "Points", "Awarded", "Scores", "Total", "Vetoes"]));
    expect(indNames).not.toContain("Maturity");
  });

  it("validates maturity with the drop-down of allowed values, points with 0..max, vetoes with 是/否", async () => {
    const { layout, buffer } = await generate("jiangmen-manufacturing");
    const wb = await load(buffer);
    const ws = wb.getWorksheet(SHEET.scoring)!;
    const m = layout.map.scoring;
    const dv = ws.getCell(`G${m.firstItemRow + 3}`).dataValidation;
    expect(dv).toMatchObject({
      type: "list",
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: "stop",
      showInputMessage: true,
    });
    expect(dv.formulae).toEqual([`"${Array.from({ length: 21 }, (_, i) => `${i * 5}%`).join(",")}"`]);
    expect(dv.formulae[0].length).toBeLessThanOrEqual(257);
    expect(dv.error).toMatch(/5% 的整数倍/);
    expect(dv.prompt).toMatch(/1档 0%–10%；2档 15%–30%/); // Jiangmen bands
    expect(dv.prompt!.length).toBeLessThanOrEqual(255);
    expect(dv.promptTitle!.length).toBeLessThanOrEqual(32);
    expect(ws.getCell(`G${m.firstItemRow}`).numFmt).toBe("0%");
    expect(ws.getCell(`F${m.firstItemRow}`).dataValidation).toMatchObject({
      type: "list",
      formulae: ['"1,2,3,4,5,6"'],
    });
    const ind = await generate("hebei-individual-senior");
    const iws = (await load(ind.buffer)).getWorksheet(SHEET.scoring)!;
    const first = ind.layout.map.scoring.firstItemRow;
    expect(iws.getCell(`F${first}`).dataValidation).toMatchObject({
      type: "decimal",
      operator: "between",
      formulae: [0, 30],
      errorStyle: "stop",
    });
    expect(iws.getCell(`F${first}`).dataValidation.error).toMatch(/0–30 分/);
    const vws = wb.getWorksheet(SHEET.vetoes)!;
    expect(vws.getCell("E5").dataValidation).toMatchObject({ type: "list", formulae: ['"是,否"'] });
    const cover = wb.getWorksheet(SHEET.cover)!;
    expect(cover.getCell(layout.map.cover.declaration).dataValidation).toMatchObject({
      type: "list",
      formulae: ['"无利害关系,存在利害关系，申请回避"'],
    });
  });

  it("marks invalid and missing inputs with conditional formats LibreOffice and Excel both understand", async () => {
    const { layout, buffer } = await generate("hebei-organization");
    const ws = (await load(buffer)).getWorksheet(SHEET.scoring)!;
    const m = layout.map.scoring;
    const cfs = model(ws).conditionalFormattings.filter((c) => c.ref === `G${m.firstItemRow}:G${m.lastItemRow}`);
    const rules = cfs.flatMap((c) => c.rules) as ExcelJS.ExpressionRuleType[];
    expect(rules.map((r) => r.formulae?.[0])).toEqual([
      `$M${m.firstItemRow}="invalid"`,
      `$M${m.firstItemRow}="missing"`,
    ]);
    expect(rules[0].style?.fill).toMatchObject({ type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } });
    expect(rules[1].style?.fill).toMatchObject({ bgColor: { argb: "FFFFF2CC" } });
  });

  it("protects every sheet without a password; only inputs, comments, veto and declaration cells are unlocked", async () => {
    const { layout, buffer } = await generate("hebei-organization");
    const wb = await load(buffer);
    for (const ws of wb.worksheets) {
      expect([ws.name, model(ws).sheetProtection?.sheet]).toEqual([ws.name, true]);
      expect(model(ws).sheetProtection?.hashValue).toBeUndefined();
    }
    const ws = wb.getWorksheet(SHEET.scoring)!;
    const row = layout.map.scoring.firstItemRow;
    const unlocked = (w: ExcelJS.Worksheet, ref: string) => w.getCell(ref).protection?.locked === false;
    for (const col of ["F", "G", "J", "K"]) expect([col, unlocked(ws, `${col}${row}`)]).toEqual([col, true]);
    for (const col of ["A", "B", "C", "D", "E", "H", "I", "L", "M", "N"])
      expect([col, unlocked(ws, `${col}${row}`)]).toEqual([col, false]);
    expect(unlocked(ws, layout.map.scoring.total)).toBe(false);
    const vws = wb.getWorksheet(SHEET.vetoes)!;
    expect([unlocked(vws, "E5"), unlocked(vws, "F5"), unlocked(vws, "C5")]).toEqual([true, true, false]);
    const cover = wb.getWorksheet(SHEET.cover)!;
    const c = layout.map.cover;
    expect([
      unlocked(cover, c.declaration),
      unlocked(cover, c.declarationNote),
      unlocked(cover, c.date),
      unlocked(cover, c.applicant),
    ]).toEqual([true, true, true, false]);
    const xml = await sheetXml(buffer, SHEET.scoring);
    expect(xml).toMatch(/<sheetProtection sheet="1" formatColumns="0" formatRows="0"\/>/);
  });

  it("prints A4 landscape, one page wide, header row repeated, page numbers and the signature line in the print area", async () => {
    const { layout, buffer } = await generate("hebei-organization", { applicant: "A&B 公司" });
    const ws = (await load(buffer)).getWorksheet(SHEET.scoring)!;
    const m = layout.map.scoring;
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "4:4",
    });
    expect(ws.pageSetup.printArea).toBe(`A1:K${m.signatureRow}`);
    expect(ws.headerFooter.oddFooter).toMatch(/&P.*&N/);
    expect(ws.headerFooter.oddHeader).toContain("A&&B 公司"); // & is a code character in headers
    expect(ws.getCell(`B${m.signatureRow}`).value).toBe("评审专家签名：");
    // The summary and the signature start a page of their own when the sheet takes more than one page.
    const xml = await sheetXml(buffer, SHEET.scoring);
    expect(xml).toMatch(
      new RegExp(
        `<rowBreaks count="1" manualBreakCount="1"><brk id="${m.lastItemRow + 1}" max="16383" man="1"/></rowBreaks>`,
      ),
    );
    const cover = (await load(buffer)).getWorksheet(SHEET.cover)!;
    expect(cover.pageSetup).toMatchObject({ orientation: "portrait", fitToWidth: 1, fitToHeight: 1 });
  });

  it("freezes the header, sizes columns to fit and rows to the scoring-point text, hides the helper columns", async () => {
    const { layout, buffer } = await generate("hebei-organization");
    const ws = (await load(buffer)).getWorksheet(SHEET.scoring)!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
    expect(ws.getColumn("E").width).toBeGreaterThanOrEqual(50);
    expect(ws.getColumn("A").width).toBeLessThan(10);
    expect([ws.getColumn("L").hidden, ws.getColumn("M").hidden, ws.getColumn("N").hidden]).toEqual([true, true, true]);
    const rows = layout.map.scoring.items.map((i) => ws.getRow(i.row).height);
    expect(Math.min(...rows)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...rows)).toBeGreaterThan(150); // 1.1 has five sub-items of scoring points
    expect(Math.max(...rows)).toBeLessThanOrEqual(409);
    expect(ws.getCell(`E${layout.map.scoring.firstItemRow}`).alignment).toMatchObject({
      wrapText: true,
      vertical: "top",
    });
  });

  it("writes names that look like formulas as text, never as formulas", async () => {
    for (const name of ['=HYPERLINK("http://x","y")', "+1+2", "-3", "@SUM(A1)", "=1+1"]) {
      const { layout, buffer } = await generate("jiangmen-service", { applicant: name, expert: name });
      const xml = await sheetXml(buffer, SHEET.cover);
      const ref = layout.map.cover.applicant;
      const cell = new RegExp(`<c r="${ref}"[^>]*>(.*?)</c>`).exec(xml)![0];
      expect(cell).toMatch(/t="s"/);
      expect(cell).not.toMatch(/<f>/);
      const wb = await load(buffer);
      expect(wb.getWorksheet(SHEET.cover)!.getCell(ref).value).toBe(name);
      expect(wb.getWorksheet(SHEET.cover)!.getCell(ref).numFmt).toBe("@");
      expect(wb.getWorksheet(SHEET.meta)!.getCell("B9").value).toBe(name);
    }
  });

  it("writes the engine's results as cached values (a filled sample shows its numbers before any recalculation)", async () => {
    const { layout, buffer } = await generate(
      "jiangmen-manufacturing",
      {},
      { entries: { "1.1": { value: 0.35 }, "1.2": { value: "47%" } } },
    );
    const ws = (await load(buffer)).getWorksheet(SHEET.scoring)!;
    const m = layout.map.scoring;
    expect(ws.getCell(`H${m.firstItemRow}`).result).toBe(10.5);
    expect(ws.getCell(`I${m.firstItemRow + 1}`).result).toBe("不是 5% 的整数倍");
    expect(ws.getCell(m.total).result).toBe(10.5);
    expect(ws.getCell(m.missing).result).toBe(24);
    expect(ws.getCell(m.invalid).result).toBe(1);
  });

  it("custom mode calls the add-in functions; native mode uses plain formulas", async () => {
    const custom = await generate("hebei-organization", { mode: "custom" });
    const ws = (await load(custom.buffer)).getWorksheet(SHEET.scoring)!;
    const m = custom.layout.map.scoring;
    const r = m.firstItemRow;
    // The QA functions get the input through the hidden column N: a number in the percent cell as "45%".
    expect(ws.getCell(`N${r}`).formula).toBe(
      `IF(ISNUMBER(G${r}),ROUND(G${r}*100,6)&"%",${cellTextFormula(`G${r}&""`)})`,
    );
    expect(cellTextFormula("G5")).toContain(`SUBSTITUTE(SUBSTITUTE(G5,"０","0"),"１","1")`);
    // In the file an add-in function is stored as Excel saves it: QA.ITEMSCORE( → _xldudf_QA_ITEMSCORE(.
    expect(ws.getCell(`H${r}`).formula).toBe(`IF(M${r}="ok",_xldudf_QA_ITEMSCORE(D${r},N${r},"hebei-2022"),"")`);
    expect(ws.getCell(`I${r}`).formula).toContain(`_xldudf_QA_CHECK(N${r},"hebei-2022",F${r})`);
    expect(ws.getCell(m.total).formula).toBe(
      `_xldudf_QA_SUBTOTAL($D$${r}:$D$${m.lastItemRow},$N$${r}:$N$${m.lastItemRow},"hebei-2022")`,
    );
    expect(ws.getCell(`H${m.categories[0].row}`).formula).toMatch(
      /^_xldudf_QA_SUBTOTAL\(\$D\$5:\$D\$7,\$N\$5:\$N\$7,"hebei-2022"\)$/,
    );
    expect(ws.getCell(m.missing).formula).toBe(`_xldudf_QA_MISSING($N$${r}:$N$${m.lastItemRow})`);
    // The veto conclusion counts the hidden state column in both modes (QA.VETOED knows no item's question).
    expect(
      (await load(custom.buffer)).getWorksheet(SHEET.vetoes)!.getCell(custom.layout.map.vetoes.flag).formula,
    ).toMatch(/^IF\(COUNTIF\(\$H\$\d+:\$H\$\d+,"否决标记"\)>0/);
    const native = await generate("hebei-organization", { mode: "native" });
    const nws = (await load(native.buffer)).getWorksheet(SHEET.scoring)!;
    const all: string[] = [];
    nws.eachRow((row) => row.eachCell((c) => c.type === ExcelJS.ValueType.Formula && all.push(c.formula)));
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((f) => /QA\./.test(f))).toEqual([]);
    expect(all.filter((f) => /_xlfn|\bLET\(|LAMBDA|XLOOKUP|\bIFS\(|TEXTJOIN|\bCONCAT\(/.test(f))).toEqual([]);
  });
});
