/// <reference types="office-js" />
// Renders a WorkbookLayout (src/workbook) into the live workbook with Office.js: the same data src/xlsx/write.ts
// writes into an .xlsx file, following the conventions in src/workbook/types.ts. Operations are queued on one
// request context and sent with as few context.sync() calls as the size allows:
//   - per sheet, one block each for number formats, constants and formulas (null leaves a cell alone), split into
//     row blocks when large;
//   - one format operation set per style and block of cells (runs of a column, side by side over the same rows,
//     become one rectangle), the blocks of one style joined into multi-area ranges where ExcelApi 1.9 allows
//     (worksheet.getRanges): a style is set a few times per sheet, not once per cell or column;
//   - validations, conditional formats, merges, names, print setup and protection as the layout lists them.
// Excel on the web refuses a request over 5 MB: a RequestBudget counts what each operation adds to the serialized
// request and sends what is queued before it would pass REQUEST_BUDGET (a scoring workbook: one request; a
// 30-applicant summary: several). test/excel/request-size.test.ts measures the real office.js client's requests.
// Enum values are written as string literals ("Center", "Stop"), never Excel.* enums (see ../shared/TOOLCHAIN.md).
import type {
  CellLayout,
  CellStyle,
  DefinedNameLayout,
  HeaderFooterText,
  PrintLayout,
  RenderableLayout,
  SheetLayout,
} from "../workbook/types";
import { nameScopeSheet } from "../host/types";
import { colIndex, colLetter, parseCellRef } from "../workbook/a1";
import { areaGroups, blocksOf, boundingBox, columnRuns } from "../host/ranges";

/** What a request may carry, by the estimate below: well under Excel on the web's 5 MB per request. */
export const REQUEST_BUDGET = 3 * 1024 * 1024;
/**
 * What one operation adds besides its arguments: its action and object paths as office.js serializes them
 * ({"Id":…,"ActionType":4,"Name":"Bold","ObjectPathId":…} and a GetRange / Format / Font path: 100–250 bytes measured
 * with the real client), rounded up.
 */
export const OPERATION_BYTES = 400;

/** UTF-8 bytes of a value as JSON (what the request body carries). */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? "";
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) n += c > 0x7ff ? 2 : 1; // surrogate pairs: 2 × (1 + 2) = 6 ≥ 4 bytes
  }
  return n;
}

/**
 * Counts the estimated size of the queued request; before an operation that would pass the limit, sends what is
 * queued (context.sync()) and starts a new request.
 */
export class RequestBudget {
  private used = 0;
  /** Counts the requests sent: proxies made before one may not be used after it. */
  generation = 0;
  /** The estimate of each request this budget sent (not the caller's last one: `pending`). */
  readonly sent: number[] = [];

  constructor(
    private readonly ctx: { sync(): Promise<unknown> },
    readonly limit = REQUEST_BUDGET,
  ) {}

  /** Room for one operation with these arguments (or `operations` plain ones). */
  async room(args: unknown = null, operations = 1): Promise<void> {
    const bytes = operations * OPERATION_BYTES + (args === null ? 0 : jsonBytes(args));
    if (this.used > 0 && this.used + bytes > this.limit) {
      await this.ctx.sync();
      this.sent.push(this.used);
      this.used = 0;
      this.generation++;
    }
    this.used += bytes;
  }

  /** Sends what is queued now (a read needs its sync); proxies made before it are not used after it. */
  async flush(): Promise<void> {
    await this.ctx.sync();
    this.sent.push(this.used);
    this.used = 0;
    this.generation++;
  }

  /** The estimate of what is queued and not yet sent. */
  get pending(): number {
    return this.used;
  }
}

/** Optional requirement sets the renderer may use (ExcelApi 1.8 is the minimum for writeLayout). */
export interface RenderFeatures {
  /** ExcelApi 1.9: page layout (paper, orientation, fit, print area and titles, header/footer, page breaks). */
  pageLayout: boolean;
  /** ExcelApi 1.7: charts with a series drawn as a line (the summary's 得分图). Absent: no charts. */
  charts?: boolean;
  /** ExcelApi 1.9: multi-area ranges (worksheet.getRanges), to style many blocks in one operation set. */
  rangeAreas?: boolean;
  /** Read the print fit back and repair it where the host ignored it (ensureFit): needs a host that answers reads. */
  checkFit?: boolean;
}

/** The longest multi-area address given to getRanges (Excel takes 8192 characters for one range's address). */
export const MAX_AREAS_ADDRESS = 2000;

/**
 * The layout's charts as real Excel charts: columns over the data block, its third column (a threshold) as a line,
 * the title, the legend below, placed over the cells the layout names.
 */
export function queueCharts(ws: Excel.Worksheet, s: SheetLayout): void {
  for (const c of s.charts ?? []) {
    const chart = ws.charts.add("ColumnClustered", ws.getRange(c.data), "Columns");
    chart.title.text = c.title;
    chart.legend.position = "Bottom";
    const [a, b] = c.data.split(":").map((r) => r.replace(/\d+$/, ""));
    if (b.charCodeAt(0) - a.charCodeAt(0) >= 2) chart.series.getItemAt(1).chartType = "Line";
    // The numbers sit in hidden columns (the sheet prints them as text under the display rule): plot them anyway.
    chart.plotVisibleOnly = false;
    chart.setPosition(c.from, c.to);
  }
}

/** Excel's column width in character units → Office.js points (7 px digit width at the default font, 96 dpi). */
export function widthPoints(chars: number): number {
  const px = Math.trunc(((256 * chars + Math.trunc(128 / 7)) / 256) * 7);
  return px * 0.75;
}

const hex = (rgb: string) => `#${rgb.toUpperCase()}`;
const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;
const WEIGHT = { thin: "Thin", medium: "Medium" } as const;

/** Text Excel would read as something else (a number, a date, a formula) unless the cell is formatted as text. */
function needsTextMark(value: string, numFmt: string | undefined): boolean {
  if (numFmt === "@") return false;
  return /^[=+\-@]/.test(value) || /^\s*[\d.,%/:\s-]+\s*$/.test(value) || /^(true|false)$/i.test(value.trim());
}

function applyStyle(range: Excel.Range | Excel.RangeAreas, style: CellStyle, rows: number, cols: number): void {
  const f = range.format;
  if (style.font) {
    const font = style.font;
    if (font.name !== undefined) f.font.name = font.name;
    if (font.size !== undefined) f.font.size = font.size;
    if (font.bold !== undefined) f.font.bold = font.bold;
    if (font.italic !== undefined) f.font.italic = font.italic;
    if (font.underline !== undefined) f.font.underline = font.underline ? "Single" : "None";
    if (font.color !== undefined) f.font.color = hex(font.color);
  }
  if (style.fill) f.fill.color = hex(style.fill);
  if (style.horizontal) f.horizontalAlignment = H_ALIGN[style.horizontal];
  if (style.vertical) f.verticalAlignment = V_ALIGN[style.vertical];
  if (style.wrap !== undefined) f.wrapText = style.wrap;
  if (style.indent) f.indentLevel = style.indent;
  if (style.border) {
    const b = style.border;
    const color = hex(b.color ?? "000000");
    const edge = (name: string, weight: "thin" | "medium" | undefined) => {
      if (!weight) return;
      const item = f.borders.getItem(name as Excel.BorderIndex);
      item.style = "Continuous";
      item.weight = WEIGHT[weight];
      item.color = color;
    };
    edge("EdgeTop", b.top);
    edge("EdgeBottom", b.bottom);
    edge("EdgeLeft", b.left);
    edge("EdgeRight", b.right);
    // A block of several rows (columns): each cell's own top / bottom (left / right) border is an inside border.
    if (rows > 1) edge("InsideHorizontal", b.top ?? b.bottom);
    if (cols > 1) edge("InsideVertical", b.left ?? b.right);
  }
}

function cellBlocks(layout: RenderableLayout, cells: CellLayout[]) {
  const box = boundingBox(cells.map((c) => c.ref))!;
  const grid = <T>() => Array.from({ length: box.rows }, () => Array<T | null>(box.cols).fill(null));
  const numberFormat = grid<string>();
  const values = grid<string | number | boolean>();
  const formulas = grid<string>();
  let anyFormat = false;
  let anyValue = false;
  let anyFormula = false;
  for (const c of cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(c.ref)!;
    const r = Number(m[2]) - box.top;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    const k = col - box.left;
    const numFmt = c.style ? layout.styles[c.style]?.numFmt : undefined;
    if (numFmt) {
      numberFormat[r][k] = numFmt;
      anyFormat = true;
    }
    if (c.formula !== undefined) {
      formulas[r][k] = `=${c.formula}`;
      anyFormula = true;
    } else if (c.value !== undefined && c.value !== null) {
      values[r][k] = typeof c.value === "string" && needsTextMark(c.value, numFmt) ? `'${c.value}` : c.value;
      anyValue = true;
    }
  }
  return {
    box,
    numberFormat: anyFormat ? numberFormat : null,
    values: anyValue ? values : null,
    formulas: anyFormula ? formulas : null,
  };
}

function headerFooterParts(t: HeaderFooterText | undefined, where: "Header" | "Footer"): [string, string][] {
  if (!t) return [];
  const out: [string, string][] = [];
  if (t.left) out.push([`left${where}`, t.left]);
  if (t.center) out.push([`center${where}`, t.center]);
  if (t.right) out.push([`right${where}`, t.right]);
  return out;
}

/**
 * The cell grids cut into blocks of whole rows, each small enough for a request of its own (about half the budget):
 * [first row index in the grid, row count].
 */
function rowBlocks(grids: (unknown[][] | null)[], rows: number, limit: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  for (let r = 0; r < rows; r++) {
    const row = grids.reduce((n, g) => n + (g ? jsonBytes(g[r]) : 0), 0);
    if (r > start && bytes + row > limit / 2) {
      out.push([start, r - start]);
      start = r;
      bytes = 0;
    }
    bytes += row;
  }
  if (rows > start) out.push([start, rows - start]);
  return out;
}

/**
 * Queues one sheet's content on a new worksheet, sending what is queued whenever the budget says so. `sheet` gives
 * the worksheet's proxy valid in the current request (a proxy from worksheets.add() is not, after a sync).
 */
export async function queueSheet(
  sheet: () => Excel.Worksheet,
  layout: RenderableLayout,
  s: SheetLayout,
  features: RenderFeatures,
  budget: RequestBudget,
): Promise<void> {
  await budget.room(null, 2);
  if (s.tabColor) sheet().tabColor = hex(s.tabColor);
  sheet().showGridlines = s.showGridLines;
  for (const c of s.columns) {
    await budget.room(null, 2);
    const col = sheet().getRange(`${c.col}:${c.col}`);
    col.format.columnWidth = widthPoints(c.width);
    if (c.hidden) col.columnHidden = true;
  }
  for (const r of s.rows) {
    await budget.room(null, 2);
    sheet().getRange(`${r.row}:${r.row}`).format.rowHeight = r.height;
  }

  if (s.cells.length) {
    const blocks = cellBlocks(layout, s.cells);
    const grids = [blocks.numberFormat, blocks.values, blocks.formulas];
    for (const [first, count] of rowBlocks(grids, blocks.box.rows, budget.limit)) {
      const part = <T>(g: T[][] | null) => g?.slice(first, first + count) ?? null;
      // Number formats first: a text cell ("@") keeps "=…" typed by a person as text.
      const numberFormat = part(blocks.numberFormat);
      const values = part(blocks.values);
      const formulas = part(blocks.formulas);
      await budget.room([numberFormat, values, formulas], 4);
      const block = sheet().getRangeByIndexes(blocks.box.top - 1 + first, blocks.box.left - 1, count, blocks.box.cols);
      if (numberFormat) block.numberFormat = numberFormat as string[][];
      if (values) block.values = values as (string | number | boolean)[][];
      if (formulas) block.formulas = formulas as string[][];
    }
  }

  const byStyle = new Map<string, string[]>();
  for (const c of s.cells) if (c.style) byStyle.set(c.style, [...(byStyle.get(c.style) ?? []), c.ref]);
  for (const [name, refs] of byStyle) {
    const style = layout.styles[name];
    if (!style) continue;
    const blocks = blocksOf(refs);
    // Without ExcelApi 1.9, one block at a time (a group of one).
    for (const g of areaGroups(blocks, features.rangeAreas ? MAX_AREAS_ADDRESS : 0)) {
      await budget.room([style, g.address], 18); // up to a dozen properties and six borders, each an operation
      const target = features.rangeAreas ? sheet().getRanges(g.address) : sheet().getRange(g.address);
      applyStyle(target, style, g.rows, g.cols);
    }
  }
  for (const m of s.merges) {
    await budget.room(null, 2);
    sheet().getRange(m).merge(false);
  }
  for (const run of columnRuns(s.cells.filter((c) => c.locked === false).map((c) => c.ref))) {
    await budget.room(null, 3);
    sheet().getRange(run).format.protection.locked = false;
  }

  for (const v of s.validations) {
    await budget.room(v, 6);
    const dv = sheet().getRange(v.ref).dataValidation;
    if (v.type === "list") dv.rule = { list: { inCellDropDown: true, source: (v.list ?? []).join(",") } };
    else if (v.type === "date")
      dv.rule = {
        date: { formula1: serialToIso(v.min ?? 1), formula2: serialToIso(v.max ?? 2958465), operator: "Between" },
      };
    else if (v.type === "whole")
      dv.rule = { wholeNumber: { formula1: v.min ?? 0, formula2: v.max ?? 0, operator: "Between" } };
    else dv.rule = { decimal: { formula1: v.min ?? 0, formula2: v.max ?? 0, operator: "Between" } };
    dv.ignoreBlanks = v.allowBlank;
    dv.errorAlert = { showAlert: true, style: "Stop", title: v.error.title, message: v.error.message };
    if (v.prompt) dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
  }

  const formats = [...s.conditionalFormats].sort((a, b) => a.priority - b.priority);
  for (const [i, f] of formats.entries()) {
    await budget.room(f, 8);
    const cf = sheet().getRange(f.ref).conditionalFormats.add("Custom");
    cf.custom.rule.formula = `=${f.formula}`;
    if (f.fill) cf.custom.format.fill.color = hex(f.fill);
    if (f.fontColor) cf.custom.format.font.color = hex(f.fontColor);
    if (f.bold) cf.custom.format.font.bold = true;
    cf.priority = i;
  }

  await budget.room(s.print ?? null, 30);
  const frozen = s.freeze ? freezeRange(s.freeze.rows, s.freeze.columns) : null;
  if (frozen) sheet().freezePanes.freezeAt(frozen);

  if (s.print && features.pageLayout) {
    const p = s.print;
    const pl = sheet().pageLayout;
    // The page first (paper, orientation, print area, titles, margins), the fit last: Excel fits what is printed
    // on the page it prints on. ensureFit checks afterwards that the host applied it.
    pl.paperSize = "A4";
    pl.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
    pl.setPrintArea(p.area);
    if (p.titleRows) pl.setPrintTitleRows(`$${p.titleRows.first}:$${p.titleRows.last}`);
    const inch = 72;
    pl.leftMargin = p.margins.left * inch;
    pl.rightMargin = p.margins.right * inch;
    pl.topMargin = p.margins.top * inch;
    pl.bottomMargin = p.margins.bottom * inch;
    pl.headerMargin = p.margins.header * inch;
    pl.footerMargin = p.margins.footer * inch;
    if (p.centerHorizontally) pl.centerHorizontally = true;
    const hf = pl.headersFooters.defaultForAllPages as unknown as Record<string, string>;
    for (const [key, text] of [...headerFooterParts(p.header, "Header"), ...headerFooterParts(p.footer, "Footer")])
      hf[key] = text;
    for (const row of s.pageBreaks ?? []) if (row > 1) sheet().horizontalPageBreaks.add(`A${row}`);
    const zoom = fitZoom(p);
    if (zoom) pl.zoom = zoom;
  }
  if (features.charts && s.charts?.length) {
    await budget.room(s.charts, 10 * s.charts.length);
    queueCharts(sheet(), s);
  }
}

/**
 * The fit a print setup asks for, as PageLayoutZoomOptions. Only documented values: a page count for each direction
 * given; "as many pages tall as needed" is no verticalFitToPages at all (0 is not a documented value). null: none.
 */
export function fitZoom(p: PrintLayout): Excel.PageLayoutZoomOptions | null {
  if (p.fitToWidth <= 0 && p.fitToHeight <= 0) return null;
  const z: Excel.PageLayoutZoomOptions = {};
  if (p.fitToWidth > 0) z.horizontalFitToPages = p.fitToWidth;
  if (p.fitToHeight > 0) z.verticalFitToPages = p.fitToHeight;
  return z;
}

/** A4 in points, portrait (width, height). */
const A4 = { width: 595.28, height: 841.89 };
/** Excel's default column width (8.43 characters) and row height (15 points at the default font). */
const DEFAULT_COLUMN_CHARS = 8.43;
const DEFAULT_ROW_POINTS = 15;

/**
 * The print scale (10–100 %) that fits the print area to the pages the setup asks for, from the layout's own column
 * widths and row heights: what ensureFit sets where a host did not apply the fit itself.
 */
export function fitScale(s: SheetLayout): number {
  const p = s.print!;
  const [a, b = a] = p.area.replace(/\$/g, "").split(":");
  const { col: ca, row: top } = parseCellRef(a);
  const { col: cb, row: bottom } = parseCellRef(b);
  const left = colIndex(ca);
  const right = colIndex(cb);
  let width = 0;
  for (let c = left; c <= right; c++) {
    const col = s.columns.find((x) => x.col === colLetter(c));
    if (!col?.hidden) width += widthPoints(col?.width ?? DEFAULT_COLUMN_CHARS);
  }
  let height = 0;
  for (let r = top; r <= bottom; r++) height += s.rows.find((x) => x.row === r)?.height ?? DEFAULT_ROW_POINTS;
  const landscape = p.orientation === "landscape";
  const pageWidth = (landscape ? A4.height : A4.width) - (p.margins.left + p.margins.right) * 72;
  const pageHeight = (landscape ? A4.width : A4.height) - (p.margins.top + p.margins.bottom) * 72;
  let scale = 100;
  if (p.fitToWidth > 0 && width > 0) scale = Math.min(scale, (100 * pageWidth * p.fitToWidth) / width);
  if (p.fitToHeight > 0 && height > 0) scale = Math.min(scale, (100 * pageHeight * p.fitToHeight) / height);
  return Math.max(10, Math.floor(scale));
}

/**
 * Makes sure the fit each printed sheet asks for took: some Excel hosts leave a fit-to-pages zoom unapplied when it
 * is set from an add-in (OfficeDev/office-js#1860: applied only with the Page Layout tab open), while the same
 * workbook's .xlsx fits. Reads the zoom back; where it is not the fit, sets it once more (the sheet and its print
 * area exist now), and where it still is not, prints at the scale that fits (fitScale). One request more than
 * without the check when the host applied the fit (the read travels with the sheets' content), two more when not.
 */
export async function ensureFit(
  sheet: (name: string) => Excel.Worksheet,
  sheets: readonly SheetLayout[],
  budget: RequestBudget,
): Promise<void> {
  const printed = sheets.filter((s) => s.print && fitZoom(s.print));
  if (!printed.length) return;
  // The read goes in the request with what is queued: a batch runs in order, so it sees the zoom just set.
  const read = async (list: readonly SheetLayout[]) => {
    const layouts = list.map((s) => ({ s, pl: sheet(s.name).pageLayout.load("zoom") }));
    await budget.flush();
    return layouts.filter(({ s, pl }) => !fitTook(pl.zoom, s.print!)).map(({ s }) => s);
  };
  let missed = await read(printed);
  if (!missed.length) return;
  for (const s of missed) sheet(s.name).pageLayout.zoom = fitZoom(s.print!)!;
  missed = await read(missed);
  for (const s of missed) sheet(s.name).pageLayout.zoom = { scale: fitScale(s) };
}

function fitTook(zoom: Excel.PageLayoutZoomOptions | undefined, p: PrintLayout): boolean {
  if (!zoom) return false;
  return (
    (p.fitToWidth <= 0 || zoom.horizontalFitToPages === p.fitToWidth) &&
    (p.fitToHeight <= 0 || zoom.verticalFitToPages === p.fitToHeight)
  );
}

/**
 * The range freezePanes.freezeAt takes: the cells frozen in the top-left pane (whole rows "1:4", whole columns
 * "A:B", or "A1:B4"); null when nothing is frozen.
 */
export function freezeRange(rows: number, columns: number): string | null {
  if (rows > 0 && columns > 0) return `A1:${colLetter(columns)}${rows}`;
  if (rows > 0) return `1:${rows}`;
  if (columns > 0) return `A:${colLetter(columns)}`;
  return null;
}

function serialToIso(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);
}

/** Protects a sheet as the layout says (a password only when the layout has one). */
export function protectSheet(ws: Excel.Worksheet, p: NonNullable<SheetLayout["protection"]>): void {
  const options = { allowFormatColumns: p.allowFormatColumns, allowFormatRows: p.allowFormatRows };
  if (p.password) ws.protection.protect(options, p.password);
  else ws.protection.protect(options);
}

/** The reference text of a defined name: "='评分'!$D$5:$D$27". */
export function nameReference(n: DefinedNameLayout): string {
  return `='${n.sheet.replace(/'/g, "''")}'!${n.ref}`;
}

/**
 * Queues the whole layout as new sheets (after the last one): content, then names, visibility and protection.
 * `existingNames` are the workbook-scope names already taken: those names go to the scoring sheet's scope instead.
 * What is queued is sent (context.sync()) whenever the next operation would make the request pass the budget; the
 * caller sends the rest.
 */
export async function queueLayout(
  ctx: Excel.RequestContext,
  layout: RenderableLayout,
  existingNames: ReadonlySet<string>,
  features: RenderFeatures,
  activate?: string,
  budget: RequestBudget = new RequestBudget(ctx),
): Promise<{ scopedNames: string[] }> {
  const wb = ctx.workbook;
  const made = new Map<string, { ws: Excel.Worksheet; generation: number }>();
  // The proxy from worksheets.add() until the next request; then one by name.
  const sheet = (name: string) => {
    const m = made.get(name);
    if (m && m.generation === budget.generation) return m.ws;
    const ws = wb.worksheets.getItem(name);
    made.set(name, { ws, generation: budget.generation });
    return ws;
  };
  for (const s of layout.sheets) {
    await budget.room(s.name);
    made.set(s.name, { ws: wb.worksheets.add(s.name), generation: budget.generation });
    await queueSheet(() => sheet(s.name), layout, s, features, budget);
  }
  if (features.pageLayout && features.checkFit) await ensureFit(sheet, layout.sheets, budget);
  const scopedNames: string[] = [];
  for (const n of layout.names) {
    await budget.room(n, 2);
    if (existingNames.has(n.name.toLowerCase())) {
      sheet(nameScopeSheet(layout)).names.add(n.name, nameReference(n));
      scopedNames.push(n.name);
    } else wb.names.add(n.name, nameReference(n));
  }
  for (const s of layout.sheets) {
    await budget.room(s.protection ?? null, 3);
    const ws = sheet(s.name);
    if (s.visibility !== "visible") ws.visibility = s.visibility === "hidden" ? "Hidden" : "VeryHidden";
    if (s.protection) protectSheet(ws, s.protection);
  }
  const first = activate ?? layout.sheets.find((s) => s.visibility === "visible")?.name;
  if (first && made.has(first)) sheet(first).activate();
  return { scopedNames };
}
