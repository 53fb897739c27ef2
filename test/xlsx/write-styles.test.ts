// The writer gives cells of one layout style one shared ExcelJS style object (ExcelJS then renders each style once:
// a large summary writes 2.6 × faster). The file must be exactly what one style object per cell gives: every part
// of the zip is compared with the same workbook styled cell by cell the way the writer did before.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildSummaryLayout } from "../../src/summary";
import { buildLayout, type CellStyle, type RenderableLayout } from "../../src/workbook";
import { layoutToWorkbook } from "../../src/xlsx";
import { fixtureResult } from "../summary/fixtures";
import { bundle, meta, randomMixed, rng } from "../helpers/workbooks";

async function parts(data: ArrayBuffer | Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(data);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort())
    if (!zip.files[name].dir) out[name] = await zip.file(name)!.async("string");
  return out;
}

/** The writer's per-cell styling before styles were shared (kept here as the reference). */
function legacyApplyStyle(cell: ExcelJS.Cell, style: CellStyle): void {
  const argb = (rgb: string) => `FF${rgb.toUpperCase()}`;
  const f = style.font;
  if (f)
    cell.font = {
      name: f.name,
      size: f.size,
      bold: f.bold,
      italic: f.italic,
      underline: f.underline,
      color: f.color ? { argb: argb(f.color) } : undefined,
    };
  if (style.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  if (style.border) {
    const b = style.border;
    const color = { argb: argb(b.color ?? "000000") };
    const side = (w?: string) => (w ? { style: w as ExcelJS.BorderStyle, color } : undefined);
    cell.border = { top: side(b.top), bottom: side(b.bottom), left: side(b.left), right: side(b.right) };
  }
  if (style.horizontal || style.vertical || style.wrap || style.indent)
    cell.alignment = {
      horizontal: style.horizontal,
      vertical: style.vertical,
      wrapText: style.wrap,
      indent: style.indent,
    };
  if (style.numFmt) cell.numFmt = style.numFmt;
}

async function bothWays(layout: RenderableLayout) {
  const shared = await (await layoutToWorkbook(layout)).xlsx.writeBuffer();
  // The same workbook, every layout cell restyled one by one on its own style object, as the writer used to.
  const own = await layoutToWorkbook(layout);
  for (const s of layout.sheets) {
    const ws = own.getWorksheet(s.name)!;
    for (const c of s.cells) {
      const cell = ws.getCell(c.ref);
      cell.style = {};
      if (c.style) legacyApplyStyle(cell, layout.styles[c.style]);
      if (c.locked === false) cell.protection = { locked: false };
    }
  }
  return {
    shared: await parts(shared),
    own: await parts(await own.xlsx.writeBuffer()),
  };
}

describe("shared style objects in the writer", () => {
  it.each(["native", "custom"] as const)(
    "a filled scoring workbook (%s) is written exactly as with one style object per cell",
    async (mode) => {
      const b = bundle("hebei-organization");
      const { shared, own } = await bothWays(buildLayout(b, meta({ mode }), randomMixed(b, rng(3))));
      expect(Object.keys(shared)).toEqual(Object.keys(own));
      for (const k of Object.keys(own)) expect({ part: k, xml: shared[k] }).toEqual({ part: k, xml: own[k] });
    },
  );

  it("the summary workbook too", async () => {
    const { shared, own } = await bothWays(
      buildSummaryLayout(fixtureResult(), { createdAt: "2026-06-10T08:00:00.000Z" }),
    );
    for (const k of Object.keys(own)) expect({ part: k, xml: shared[k] }).toEqual({ part: k, xml: own[k] });
    expect(shared["xl/styles.xml"]).toContain("<cellXfs");
  });
});
