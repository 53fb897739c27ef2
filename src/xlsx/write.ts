// Renders a WorkbookLayout (src/workbook), or any RenderableLayout such as the secretariat's summary (src/summary),
// into an .xlsx file with ExcelJS. Nothing here decides layout: every cell, style, validation and name comes from the
// layout data, which the task pane renders the same way with Office.js.
import ExcelJS from "exceljs";
import type { CellLayout, CellStyle, HeaderFooterText, RenderableLayout, SheetLayout } from "../workbook/types";
import { addCharts } from "./chart";
import { zipWithCharts, type DeflateRaw, type ZipPart } from "./zip-write";

const argb = (rgb: string) => `FF${rgb.toUpperCase()}`;

function font(style: CellStyle): Partial<ExcelJS.Font> | undefined {
  const f = style.font;
  if (!f) return undefined;
  return {
    name: f.name,
    size: f.size,
    bold: f.bold,
    italic: f.italic,
    underline: f.underline,
    color: f.color ? { argb: argb(f.color) } : undefined,
  };
}

/**
 * The ExcelJS style of a layout style, and of an unlocked cell. Cells that share a style share this one object, so
 * that ExcelJS, which remembers the style objects it has seen, renders each style once instead of once per cell
 * (writing a 80,000-cell summary took 2.6 × longer the other way; the file is the same).
 */
function styleModel(style: CellStyle | undefined, locked: boolean): Partial<ExcelJS.Style> {
  const m: Partial<ExcelJS.Style> = {};
  if (style) {
    const f = font(style);
    if (f) m.font = f;
    if (style.fill) m.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
    if (style.border) {
      const b = style.border;
      const color = { argb: argb(b.color ?? "000000") };
      const side = (w?: string) => (w ? { style: w as ExcelJS.BorderStyle, color } : undefined);
      m.border = {
        top: side(b.top),
        bottom: side(b.bottom),
        left: side(b.left),
        right: side(b.right),
      };
    }
    if (style.horizontal || style.vertical || style.wrap || style.indent) {
      m.alignment = {
        horizontal: style.horizontal,
        vertical: style.vertical,
        wrapText: style.wrap,
        indent: style.indent,
      };
    }
    if (style.numFmt) m.numFmt = style.numFmt;
  }
  if (!locked) m.protection = { locked: false };
  return m;
}

/**
 * A formula as an .xlsx file stores it. Excel saves an add-in's JavaScript custom function QA.X( as
 * _xldudf_QA_X( and maps it back to the live function once the add-in has registered; a plain "QA.X(" in a file
 * is not recognised as the add-in's function until the cell is re-entered. The reader maps it back (normalizeFormula).
 */
export function fileFormula(formula: string): string {
  let out = "";
  let inString = false;
  for (const part of formula.split('"')) {
    out += inString ? `"${part}"` : part.replace(/\bQA\.([A-Z][A-Z0-9]*)\(/g, "_xldudf_QA_$1(");
    inString = !inString;
  }
  return out;
}

function setValue(cell: ExcelJS.Cell, c: CellLayout): void {
  if (c.formula !== undefined) {
    const result = c.result === null || c.result === undefined ? undefined : c.result;
    cell.value = { formula: fileFormula(c.formula), result };
  } else if (c.value !== undefined && c.value !== null) {
    // ExcelJS writes every JavaScript string as text (a shared string), never as a formula: "=1+1" stays text.
    cell.value = c.value;
  }
}

function headerFooter(t: HeaderFooterText | undefined): string | undefined {
  if (!t) return undefined;
  const parts = [t.left ? `&L${t.left}` : "", t.center ? `&C${t.center}` : "", t.right ? `&R${t.right}` : ""].join("");
  return parts || undefined;
}

function serialToDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
}

function renderSheet(
  wb: ExcelJS.Workbook,
  layout: RenderableLayout,
  s: SheetLayout,
  models: Map<string, Partial<ExcelJS.Style>>,
): Promise<void> {
  const ws = wb.addWorksheet(s.name, {
    state: s.visibility,
    properties: s.tabColor ? { tabColor: { argb: argb(s.tabColor) } } : undefined,
    views: [
      s.freeze && (s.freeze.rows || s.freeze.columns)
        ? { state: "frozen", xSplit: s.freeze.columns, ySplit: s.freeze.rows, showGridLines: s.showGridLines }
        : { state: "normal", showGridLines: s.showGridLines },
    ],
  });
  for (const c of s.columns) {
    const col = ws.getColumn(c.col);
    col.width = c.width;
    if (c.hidden) col.hidden = true;
  }
  for (const r of s.rows) ws.getRow(r.row).height = r.height;
  for (const c of s.cells) {
    const cell = ws.getCell(c.ref);
    setValue(cell, c);
    const style = c.style ? layout.styles[c.style] : undefined;
    if (!style && c.locked !== false) continue;
    const key = `${c.style ?? ""}\u0000${c.locked === false ? "unlocked" : ""}`;
    let model = models.get(key);
    if (!model) models.set(key, (model = styleModel(style, c.locked !== false)));
    cell.style = model;
  }
  for (const m of s.merges) ws.mergeCellsWithoutStyle(m);
  for (const v of s.validations) {
    const dv: ExcelJS.DataValidation = {
      type: v.type,
      allowBlank: v.allowBlank,
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: v.error.title,
      error: v.error.message,
      formulae: [],
    };
    if (v.type === "list") dv.formulae = [`"${(v.list ?? []).join(",")}"`];
    else if (v.type === "date") {
      dv.operator = "between";
      dv.formulae = [serialToDate(v.min ?? 1), serialToDate(v.max ?? 2958465)];
    } else {
      dv.operator = "between";
      dv.formulae = [v.min ?? 0, v.max ?? 0];
    }
    if (v.prompt) {
      dv.showInputMessage = true;
      dv.promptTitle = v.prompt.title;
      dv.prompt = v.prompt.message;
    }
    (ws as unknown as { dataValidations: { add(ref: string, dv: ExcelJS.DataValidation): void } }).dataValidations.add(
      v.ref,
      dv,
    );
  }
  for (const f of s.conditionalFormats) {
    const style: Partial<ExcelJS.Style> = {};
    if (f.fill) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: argb(f.fill) } };
    if (f.fontColor || f.bold)
      style.font = { color: f.fontColor ? { argb: argb(f.fontColor) } : undefined, bold: f.bold };
    ws.addConditionalFormatting({
      ref: f.ref,
      rules: [{ type: "expression", formulae: [f.formula], style, priority: f.priority }],
    });
  }
  if (s.print) {
    const p = s.print;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9, // A4
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: p.fitToWidth,
      fitToHeight: p.fitToHeight,
      // ExcelJS writes `$` + each end of the range: given "A1:F16" it writes "$A1:$F16", which LibreOffice does not
      // take as a print range (it prints the whole sheet). "A$1:F$16" comes out as "$A$1:$F$16".
      printArea: p.area.replace(/([A-Z]+)(\d+)/g, "$1$$$2"),
      printTitlesRow: p.titleRows ? `${p.titleRows.first}:${p.titleRows.last}` : undefined,
      margins: p.margins,
      horizontalCentered: !!p.centerHorizontally,
    };
    ws.headerFooter = { oddHeader: headerFooter(p.header), oddFooter: headerFooter(p.footer) };
  }
  // A break after row − 1, across all columns (ExcelJS's default right bound 16838 is past Excel's 16383).
  for (const row of s.pageBreaks ?? []) if (row > 1) ws.getRow(row - 1).addPageBreak(0, 16384);
  if (!s.protection) return Promise.resolve();
  return ws.protect(s.protection.password ?? "", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: s.protection.allowFormatColumns,
    formatRows: s.protection.allowFormatRows,
  });
}

/** The workbook as an ExcelJS object (for callers that add to it before saving). */
export async function layoutToWorkbook(layout: RenderableLayout): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = layout.properties.creator;
  wb.lastModifiedBy = layout.properties.creator;
  wb.title = layout.properties.title;
  wb.subject = layout.properties.subject;
  wb.keywords = layout.properties.keywords;
  const created = new Date(layout.properties.created);
  if (!Number.isNaN(created.getTime())) {
    wb.created = created;
    wb.modified = created;
  }
  // Excel recalculates everything when the file is opened (cached values are the engine's, but Excel should agree).
  wb.calcProperties = { fullCalcOnLoad: true };
  const models = new Map<string, Partial<ExcelJS.Style>>();
  for (const s of layout.sheets) await renderSheet(wb, layout, s, models);
  const first = layout.sheets.findIndex((s) => s.visibility === "visible");
  wb.views = [
    { x: 0, y: 0, width: 24000, height: 16000, firstSheet: 0, activeTab: Math.max(0, first), visibility: "visible" },
  ];
  for (const n of layout.names) wb.definedNames.add(`'${n.sheet.replace(/'/g, "''")}'!${n.ref}`, n.name);
  return wb;
}

export interface WriteXlsxOptions {
  /**
   * DEFLATE level of the zip, 1 (fastest) to 9; ExcelJS's default (6) when omitted. A large summary written at level 1
   * takes a third less time to compress and comes out about a third larger.
   */
  compressionLevel?: number;
  /**
   * A native raw DEFLATE (Node: zlib.deflateRawSync at the level wanted): ExcelJS then stores the parts and they are
   * compressed with it (src/xlsx/zip-write.ts), much faster than ExcelJS's JavaScript deflate. compressionLevel is
   * then the caller's to apply.
   */
  deflateRaw?: DeflateRaw;
  /** A native CRC-32 (Node: zlib.crc32) for deflateRaw's zip; computed in JavaScript when absent. */
  crc32?: (data: Uint8Array) => number;
}

/** What ExcelJS's XLSX writer calls to render the parts (exceljs/lib/xlsx/xlsx.js, 4.4), in its write() order. */
interface ExcelJsXlsx {
  prepareModel(model: unknown, options: object): void;
  addContentTypes(zip: PartSink, model: unknown): Promise<void>;
  addOfficeRels(zip: PartSink, model: unknown): Promise<void>;
  addWorkbookRels(zip: PartSink, model: unknown): Promise<void>;
  addWorksheets(zip: PartSink, model: unknown): Promise<void>;
  addSharedStrings(zip: PartSink, model: unknown): Promise<void>;
  addDrawings(zip: PartSink, model: unknown): Promise<void>;
  addTables(zip: PartSink, model: unknown): Promise<void>;
  addThemes(zip: PartSink, model: unknown): Promise<void>;
  addStyles(zip: PartSink, model: unknown): Promise<void>;
  addMedia(zip: PartSink, model: unknown): Promise<void>;
  addApp(zip: PartSink, model: unknown): Promise<void>;
  addCore(zip: PartSink, model: unknown): Promise<void>;
  addWorkbook(zip: PartSink, model: unknown): Promise<void>;
}
interface PartSink {
  append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void;
}

/**
 * The parts ExcelJS renders for a workbook, taken as it appends them to its zip (the same XML as writeBuffer; the
 * package test pins ExcelJS 4.4): zipped by zipWithCharts without JSZip's JavaScript encode, CRC and deflate.
 */
async function excelJsParts(wb: ExcelJS.Workbook): Promise<ZipPart[]> {
  const xlsx = wb.xlsx as unknown as ExcelJsXlsx;
  const enc = new TextEncoder();
  const parts: ZipPart[] = [];
  const zip: PartSink = {
    append(data, options) {
      const bytes =
        typeof data !== "string"
          ? new Uint8Array(data)
          : options.base64
            ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
            : enc.encode(data);
      parts.push({ name: options.name, data: bytes });
    },
  };
  const model = wb.model;
  xlsx.prepareModel(model, {});
  await xlsx.addContentTypes(zip, model);
  await xlsx.addOfficeRels(zip, model);
  await xlsx.addWorkbookRels(zip, model);
  await xlsx.addWorksheets(zip, model);
  await xlsx.addSharedStrings(zip, model); // after the worksheets, as ExcelJS does
  await xlsx.addDrawings(zip, model);
  await xlsx.addTables(zip, model);
  await Promise.all([xlsx.addThemes(zip, model), xlsx.addStyles(zip, model)]);
  await xlsx.addMedia(zip, model);
  await Promise.all([xlsx.addApp(zip, model), xlsx.addCore(zip, model)]);
  await xlsx.addWorkbook(zip, model);
  return parts;
}

/** Writes the layout as .xlsx bytes. */
export async function writeXlsx(layout: RenderableLayout, options: WriteXlsxOptions = {}): Promise<Buffer> {
  const wb = await layoutToWorkbook(layout);
  if (options.deflateRaw)
    return Buffer.from(await zipWithCharts(await excelJsParts(wb), layout, options.deflateRaw, options.crc32));
  const zip = options.compressionLevel
    ? { zip: { compression: "DEFLATE", compressionOptions: { level: options.compressionLevel } } }
    : undefined;
  const data = await wb.xlsx.writeBuffer(zip as Partial<ExcelJS.XlsxWriteOptions> | undefined);
  // ExcelJS writes no charts: the layout's charts are added to the file afterwards (src/xlsx/chart.ts).
  if (layout.sheets.some((s) => s.charts?.length)) return addCharts(new Uint8Array(data), layout);
  return Buffer.from(data);
}

/** Adds a layout's sheets to a workbook read from a file (a draw adds 分组 and 抽取记录 to the round workbook). */
export async function addLayoutSheets(wb: ExcelJS.Workbook, layout: RenderableLayout): Promise<void> {
  const models = new Map<string, Partial<ExcelJS.Style>>();
  for (const s of layout.sheets) await renderSheet(wb, layout, s, models);
}
