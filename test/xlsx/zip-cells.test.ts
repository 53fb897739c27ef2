import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readZipWorkbook, XlsxReadError } from "../../src/xlsx/zip-cells";

async function sample(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("评分");
  ws.getCell("A1").value = "编号";
  ws.getCell("A2").value = "1.1";
  ws.getCell("B2").value = 0.45;
  ws.getCell("C2").value = { formula: "B2*60", result: 27 };
  ws.getCell("D2").value = true;
  ws.getCell("E2").value = "=SUM(1,2)"; // text that looks like a formula stays text
  ws.getCell("F2").value = { richText: [{ text: "优势：" }, { text: "<领先> & 稳定", font: { bold: true } }] };
  ws.getCell("G2").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  const meta = wb.addWorksheet("meta", { state: "veryHidden" });
  meta.getCell("A1").value = "rubric";
  meta.getCell("B1").value = "hebei-organization";
  wb.definedNames.add("'评分'!$B$2:$B$2", "Maturity");
  wb.modified = new Date("2026-06-01T08:00:00Z");
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("zip cell reader", () => {
  it("reads each workbook's own formula in a cell, whatever was in that cell in the workbook read before", async () => {
    // Many workbooks of one layout are read in a row, with the formulas remembered per cell: an edited formula in
    // the second one (tampering, another version) must come out as written, and the first one's again after it.
    const one = async (formula: string) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("评分").getCell("C2").value = { formula, result: 0 };
      return new Uint8Array(await wb.xlsx.writeBuffer());
    };
    const long = (n: string) => `IF(B2="不符合","否决标记：${"&".repeat(3)}",${n})&"${"“是”".repeat(200)}"`;
    const formulas = [long("B2*60"), long("B2*61"), long("B2*60"), 'IF(B2="否","<否>",1)'];
    const read = [];
    for (const f of formulas) read.push((await readZipWorkbook(await one(f))).cells.get("评分")!.get("C2")!.formula);
    expect(read).toEqual(formulas);
  });

  it("reads values, formulas, booleans, rich text, errors, hidden sheets and defined names", async () => {
    const wb = await readZipWorkbook(await sample());
    expect(wb.sheets).toEqual([
      { name: "评分", state: "visible" },
      { name: "meta", state: "veryHidden" },
    ]);
    const c = wb.cells.get("评分")!;
    expect(c.get("A2")!.value).toBe("1.1");
    expect(c.get("B2")!.value).toBe(0.45);
    expect(c.get("C2")).toEqual({ value: 27, formula: "B2*60" });
    expect(c.get("D2")!.value).toBe(true);
    expect(c.get("E2")).toEqual({ value: "=SUM(1,2)" });
    expect(c.get("F2")!.value).toBe("优势：<领先> & 稳定");
    expect(c.get("G2")!.error).toBe("#DIV/0!");
    expect(wb.cells.get("meta")!.get("B1")!.value).toBe("hebei-organization");
    expect(wb.definedNames.get("Maturity")).toBe("'评分'!$B$2");
    expect(wb.modified).toBe("2026-06-01T08:00:00Z");
  });

  it("reads only the sheets asked for", async () => {
    const wb = await readZipWorkbook(await sample(), { sheets: (n) => n === "meta" });
    expect([...wb.cells.keys()]).toEqual(["meta"]);
  });

  it("rejects a file that is not a zip, naming the reason", async () => {
    await expect(readZipWorkbook(new TextEncoder().encode("编号,成熟度\n1.1,45%\n"))).rejects.toMatchObject({
      code: "not-xlsx",
    });
  });

  it("rejects a zip that is not a workbook", async () => {
    const z = new JSZip();
    z.file("hello.txt", "hi");
    const data = await z.generateAsync({ type: "uint8array" });
    await expect(readZipWorkbook(data)).rejects.toThrow("缺少 xl/workbook.xml");
  });

  it("refuses a zip bomb before inflating it", async () => {
    const z = new JSZip();
    z.file("xl/workbook.xml", "<workbook/>");
    z.file("xl/worksheets/sheet1.xml", new Uint8Array(64 * 1024 * 1024)); // 64 MB of zeros deflate to ~64 KB
    const data = await z.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(data.byteLength).toBeLessThan(1024 * 1024);
    const err = await readZipWorkbook(data).catch((e) => e);
    expect(err).toBeInstanceOf(XlsxReadError);
    expect(err.code).toBe("zip-bomb");
    expect(err.message).toContain("压缩炸弹");
  });

  it("refuses a file over the size limit", async () => {
    await expect(readZipWorkbook(new Uint8Array(2048), { maxFileBytes: 1024 })).rejects.toMatchObject({
      code: "too-large",
    });
  });
});

describe("custom functions in a file", () => {
  it("are stored the way Excel saves an add-in's functions (_xldudf_QA_X), strings untouched", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { fileFormula } = require("../../src/xlsx/write");
    expect(fileFormula("QA.SUBTOTAL(D5:D8,G5:G8)+QA.MISSING(G5:G8)")).toBe(
      "_xldudf_QA_SUBTOTAL(D5:D8,G5:G8)+_xldudf_QA_MISSING(G5:G8)",
    );
    expect(fileFormula('IF(A1="QA.CHECK(x)",QA.CHECK(G5,"hebei-2022"),"")')).toBe(
      'IF(A1="QA.CHECK(x)",_xldudf_QA_CHECK(G5,"hebei-2022"),"")',
    );
    expect(fileFormula("SUM(D5:D8)")).toBe("SUM(D5:D8)");
  });
});

describe("zip cell reader, parts read as one-byte strings (Node: nodeBinaryText)", () => {
  it("reads exactly what UTF-8 decoding reads: Chinese, emoji, entities, character references, _xHHHH_ escapes", async () => {
    const { nodeBinaryText, nodeInflate } = await import("../../src/aggregate/read");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("评分 (2)");
    ws.getCell("A1").value = "领导：高层领导的作用 🏆";
    ws.getCell("A2").value = { formula: `IF('评分 (2)'!A1="","未评分","已评分")`, result: "已评分" };
    ws.getCell("A3").value = { richText: [{ text: "优势：" }, { text: "<领先> & “稳定”", font: { bold: true } }] };
    ws.getCell("A4").value = "café naïve ½";
    wb.definedNames.add("'评分 (2)'!$A$1", "名称");
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    // A sheet edited by hand: an inline string with a character reference and an Excel escape.
    const zip = await JSZip.loadAsync(bytes);
    const sheet = Object.keys(zip.files).find((n) => /worksheets\/sheet1\.xml$/.test(n))!;
    const xml = (await zip.file(sheet)!.async("string")).replace(
      "</sheetData>",
      '<row r="9"><c r="A9" t="inlineStr"><is><t>&#x4E2D;文_x000D_行</t></is></c></row></sheetData>',
    );
    zip.file(sheet, xml);
    const edited = new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    const plain = await readZipWorkbook(edited, { inflateRaw: nodeInflate });
    const binary = await readZipWorkbook(edited, { inflateRaw: nodeInflate, binaryText: nodeBinaryText });
    expect(binary).toEqual(plain);
    const c = binary.cells.get("评分 (2)")!;
    expect(c.get("A1")!.value).toBe("领导：高层领导的作用 🏆");
    expect(c.get("A2")!.formula).toBe(`IF('评分 (2)'!A1="","未评分","已评分")`);
    expect(c.get("A3")!.value).toBe("优势：<领先> & “稳定”");
    expect(c.get("A4")!.value).toBe("café naïve ½");
    expect(c.get("A9")!.value).toBe("中文\r行");
    expect(binary.definedNames.get("名称")).toBe("'评分 (2)'!$A$1");
  });
});
