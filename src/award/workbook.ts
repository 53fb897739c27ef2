// The award definition workbook (评价标准定义表) as a file: its sheets (src/core/award) written with ExcelJS — headers,
// drop-downs where a value is a choice, text columns for codes, wrapped long texts — and read back through the
// guarded lean zip reader (size and zip-bomb limits), so that a file saved by Excel, WPS or LibreOffice reads the same.
import ExcelJS from "exceljs";
import * as zlib from "zlib";
import {
  AWARD_SETTINGS,
  BOOK,
  COLUMNS,
  GUIDE_BAND_WIDTH,
  GUIDE_FIXED,
  RULE_SETTINGS,
  type AwardBook,
  type BookCell,
  type BookColumn,
  type Setting,
} from "../core/award/sheets";
import { rowHeight, wrappedLines } from "../workbook/text";
import { readSheetRows } from "../xlsx/sheet-rows";
import type { ZipLimits } from "../xlsx/zip-cells";

const SHEET_ORDER = [
  BOOK.readme,
  BOOK.award,
  BOOK.rules,
  BOOK.rubrics,
  BOOK.items,
  BOOK.guide,
  BOOK.vetoes,
  BOOK.bonus,
  BOOK.fixes,
];
/** Rows that carry a drop-down in the table sheets (the template is filled below its header). */
const TABLE_ROWS = 2000;
/** Rule set columns laid out on 评审规则 at least (C, D): room for an organisation and an individual rule set. */
const RULE_COLUMNS = 2;
/** Table rows given borders below the header, so that the blank form shows where to type. */
const FORM_ROWS = 30;

/** Row heights that show every wrapped text whole (LibreOffice and older Excel do not grow rows on opening). */
function fitRows(ws: ExcelJS.Worksheet, from: number): void {
  ws.eachRow((row, n) => {
    if (n < from) return;
    let lines = 1;
    row.eachCell((cell, c) => {
      if (typeof cell.value === "string")
        lines = Math.max(lines, wrappedLines(cell.value, ws.getColumn(c).width ?? 10));
    });
    row.height = rowHeight(lines);
  });
}

const FONT = { name: "宋体", size: 11 };
const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const NOTE_FONT = { ...FONT, color: { argb: "FF595959" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

function list(choices: readonly string[]): ExcelJS.DataValidation {
  return {
    type: "list",
    allowBlank: true,
    formulae: [`"${choices.join(",")}"`],
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: "不是可选的值",
    error: `可选：${choices.join(" / ")}`,
  };
}

function headerRow(ws: ExcelJS.Worksheet, values: BookCell[]): void {
  const row = ws.getRow(1);
  values.forEach((v, i) => {
    const c = row.getCell(i + 1);
    c.value = v;
    c.font = { ...FONT, bold: true };
    c.fill = HEAD_FILL;
    c.border = THIN;
    c.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  });
  row.height = 30;
  ws.views = [{ state: "frozen", ySplit: 1, xSplit: 0 }];
}

function put(ws: ExcelJS.Worksheet, r: number, c: number, v: BookCell, col?: BookColumn): void {
  const cell = ws.getCell(r, c);
  cell.value = v === "" ? null : v;
  cell.font = FONT;
  cell.border = THIN;
  cell.alignment = { vertical: "top", wrapText: col?.wrap ?? typeof v === "string" };
}

function tableSheet(ws: ExcelJS.Worksheet, columns: readonly BookColumn[], rows: BookCell[][]): void {
  columns.forEach((col, i) => {
    const column = ws.getColumn(i + 1);
    column.width = col.width;
    if (col.text) column.numFmt = "@";
  });
  headerRow(
    ws,
    columns.map((c) => c.header),
  );
  for (let r = 2; r <= Math.max(rows.length, rows.length > 1 ? 0 : FORM_ROWS + 1); r++)
    columns.forEach((col, c) => put(ws, r, c + 1, rows[r - 1]?.[c] ?? null, col));
  fitRows(ws, 2);
  columns.forEach((col, i) => {
    if (!col.choices) return;
    const letter = ws.getColumn(i + 1).letter;
    for (let r = 2; r <= TABLE_ROWS; r++) ws.getCell(`${letter}${r}`).dataValidation = list(col.choices);
  });
}

function settingsSheet(
  ws: ExcelJS.Worksheet,
  rows: BookCell[][],
  specs: readonly Setting[],
  layout: { label: number; note: number; values: number[] },
  widths: number[],
): void {
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  headerRow(ws, rows[0]);
  rows.slice(1).forEach((r, i) => {
    const rowNo = i + 2;
    rows[0].forEach((_, c) => put(ws, rowNo, c + 1, r[c] ?? null));
    ws.getCell(rowNo, layout.label + 1).font = { ...FONT, bold: true };
    ws.getCell(rowNo, layout.note + 1).font = NOTE_FONT;
    const spec = specs[i];
    for (const c of layout.values) {
      const cell = ws.getCell(rowNo, c + 1);
      cell.border = THIN;
      cell.alignment = { vertical: "top", wrapText: true };
      cell.numFmt = "@";
      if (spec?.choices) cell.dataValidation = list(spec.choices);
    }
  });
  fitRows(ws, 2);
}

/** The workbook's bytes for a book of sheets (a template, or an exported award). */
export async function writeAwardBook(book: AwardBook): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Scorebook";
  for (const name of SHEET_ORDER) {
    const rows = book[name];
    if (!rows) continue;
    const ws = wb.addWorksheet(name, {
      pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    if (name === BOOK.readme) {
      ws.getColumn(1).width = 100;
      rows.forEach((r, i) => {
        const c = ws.getCell(i + 1, 1);
        c.value = r[0];
        c.font = i === 0 ? { ...FONT, bold: true, size: 12 } : FONT;
        c.alignment = { wrapText: true, vertical: "top" };
      });
      fitRows(ws, 1);
    } else if (name === BOOK.award) {
      settingsSheet(ws, rows, AWARD_SETTINGS, { label: 0, note: 2, values: [1] }, [18, 40, 60]);
    } else if (name === BOOK.rules) {
      const cols = Math.max(RULE_COLUMNS, (rows[0]?.length ?? 2) - 2);
      const values = Array.from({ length: cols }, (_, i) => i + 2);
      const head = [...rows[0]];
      for (let i = head.length; i < cols + 2; i++) head.push(`规则集${i - 1}`);
      settingsSheet(ws, [head, ...rows.slice(1)], RULE_SETTINGS, { label: 0, note: 1, values }, [
        18,
        40,
        ...values.map(() => 30),
      ]);
    } else if (name === BOOK.guide) {
      const bands = Math.max(0, (rows[0]?.length ?? 0) - GUIDE_FIXED.length);
      const columns: BookColumn[] = [
        ...GUIDE_FIXED,
        ...Array.from({ length: bands }, (_, i) => ({
          header: String(rows[0][GUIDE_FIXED.length + i]),
          width: GUIDE_BAND_WIDTH,
          wrap: true,
        })),
      ];
      tableSheet(ws, columns, rows);
    } else {
      tableSheet(ws, COLUMNS[name], rows);
    }
    ws.pageSetup.printTitlesRow = name === BOOK.readme ? undefined : "1:1";
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}

const inflate = (data: Uint8Array, max: number) => zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, max) });

/** The sheets of a definition workbook's bytes as rows of cells (formula cells give their cached value). */
export async function readAwardBook(data: Uint8Array, limits: ZipLimits = {}): Promise<AwardBook> {
  return readSheetRows(data, { ...limits, inflateRaw: inflate });
}
