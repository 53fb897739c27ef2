// Charts added to the file ExcelJS wrote (src/xlsx/chart.ts): the parts, relationships and content types are there
// and well-formed, ExcelJS still reads the file, and LibreOffice keeps and draws the chart.
import { spawnSync } from "child_process";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { SheetBuilder } from "../../src/workbook/sheet-builder";
import { STYLES } from "../../src/workbook";
import type { RenderableLayout } from "../../src/workbook/types";
import { readXlsxFile, writeXlsx } from "../../src/xlsx";
import { convert, describeWithLibreOffice } from "../helpers/libreoffice";
import { load, tmpDir } from "../helpers/workbooks";
import { nodeDeflate } from "../../src/aggregate/read";

async function writeTemp(data: Uint8Array): Promise<string> {
  const f = path.join(tmpDir(), "native.xlsx");
  fs.writeFileSync(f, data);
  return f;
}

function layout(): RenderableLayout {
  const s = new SheetBuilder("chart", "得分图");
  s.text("A1", "申报者", "header");
  s.text("B1", "综合得分", "header");
  s.text("C1", "提名分数线", "header");
  const rows: [string, number][] = [
    ["甲公司 & 子公司", 612.5],
    ["乙公司", 548],
    ["丙公司", 701.25],
  ];
  rows.forEach(([n, v], i) => {
    s.text(`A${i + 2}`, n, "text");
    s.value(`B${i + 2}`, v, "score");
    s.formula(`C${i + 2}`, "550", 550, "score");
  });
  const sheet = s.build({ protect: false });
  sheet.charts = [{ title: "组织奖：综合得分与提名分数线", data: "A1:C4", from: "E1", to: "M18" }];
  const other = new SheetBuilder("details", "其他").build({ protect: false });
  return {
    properties: { title: "t", subject: "s", creator: "c", created: "2025-01-01T00:00:00Z", keywords: "" },
    styles: STYLES,
    sheets: [other, sheet],
    names: [],
  };
}

describe("charts in the written file", () => {
  it("has the drawing and chart parts, linked and typed, with the data's ranges and cached values", async () => {
    const data = await writeXlsx(layout());
    const zip = await JSZip.loadAsync(data);
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chart).toContain("<c:barChart>");
    expect(chart).toContain("<c:lineChart>");
    expect(chart).toContain("<c:f>'得分图'!$B$2:$B$4</c:f>");
    expect(chart).toContain("<c:f>'得分图'!$A$2:$A$4</c:f>");
    expect(chart).toContain("<c:v>701.25</c:v>");
    expect(chart).toContain("甲公司 &amp; 子公司");
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml"');
    // The chart is on the second sheet's part, not the first's.
    const rels = await zip.file("xl/worksheets/_rels/sheet2.xml.rels")!.async("string");
    expect(rels).toContain("../drawings/drawing1.xml");
    expect(await zip.file("xl/worksheets/sheet2.xml")!.async("string")).toMatch(
      /<drawing r:id="rId\d+"\/><\/worksheet>|<drawing r:id="rId\d+"\/>/,
    );
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).not.toContain("<drawing");
    const dir = tmpDir();
    for (const part of [
      "xl/charts/chart1.xml",
      "xl/drawings/drawing1.xml",
      "xl/worksheets/sheet2.xml",
      "[Content_Types].xml",
    ]) {
      const f = path.join(dir, path.basename(part));
      fs.writeFileSync(f, await zip.file(part)!.async("string"));
      const r = spawnSync("xmllint", ["--noout", f], { encoding: "utf8" });
      if (r.error) continue; // xmllint not installed: the LibreOffice test below still reads the parts
      expect(r.stderr).toBe("");
    }
    // ExcelJS (and so the reader of returned files) still opens it.
    const wb = await load(data);
    expect(wb.getWorksheet("得分图")!.getCell("B4").value).toBe(701.25);
  });

  it("zipped with Node's deflate (the command line's path) holds the same parts, byte for byte, as ExcelJS's own zip", async () => {
    const own = await JSZip.loadAsync(await writeXlsx(layout()));
    const native = await writeXlsx(layout(), { deflateRaw: nodeDeflate });
    const zip = await JSZip.loadAsync(native, { checkCRC32: true });
    const names = Object.keys(own.files).filter((n) => !own.files[n].dir);
    expect(
      Object.keys(zip.files)
        .filter((n) => !zip.files[n].dir)
        .sort(),
    ).toEqual([...names].sort());
    let plain = 0;
    for (const n of names) {
      const bytes = Buffer.from(await zip.file(n)!.async("uint8array"));
      expect(bytes).toEqual(Buffer.from(await own.file(n)!.async("uint8array")));
      plain += bytes.length;
    }
    // Deflated, not stored; ExcelJS and the lean reader open it.
    expect(native.length).toBeLessThan(plain / 2);
    expect((await load(native)).getWorksheet("得分图")!.getCell("B4").value).toBe(701.25);
    expect((await readXlsxFile(await writeTemp(native))).value("得分图", "B3")).toBe(548);
  });

  it("leaves a layout without charts as ExcelJS wrote it", async () => {
    const l = layout();
    delete l.sheets[1].charts;
    const zip = await JSZip.loadAsync(await writeXlsx(l));
    expect(Object.keys(zip.files).some((n) => n.includes("chart"))).toBe(false);
  });
});

describeWithLibreOffice("charts in LibreOffice", () => {
  it("keeps the chart when saving and draws it (its title is on the printed page)", async () => {
    const dir = tmpDir();
    const file = path.join(dir, "chart.xlsx");
    fs.writeFileSync(file, await writeXlsx(layout()));
    // The same layout zipped with Node's deflate, as `aggregate` writes the summary.
    const native = path.join(dir, "chart-native.xlsx");
    fs.writeFileSync(native, await writeXlsx(layout(), { deflateRaw: nodeDeflate }));
    for (const saved of convert([file, native], "xlsx", path.join(dir, "lo")).outputs) {
      const zip = await JSZip.loadAsync(fs.readFileSync(saved));
      const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
      expect(charts).toHaveLength(1);
      expect(await zip.file(charts[0])!.async("string")).toContain("组织奖：综合得分与提名分数线");
      expect((await readXlsxFile(saved)).value("得分图", "B2")).toBe(612.5);
    }
    for (const pdf of convert([file, native], "pdf", path.join(dir, "pdf")).outputs) {
      const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).stdout;
      expect(text).toContain("组织奖：综合得分与提名分数线");
    }
  });
});
