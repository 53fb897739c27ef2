// Reads an .xlsx file into a CellSource (src/workbook/source.ts) with ExcelJS. The file is only read, never
// written. Anything that is not a readable .xlsx workbook is rejected with a message naming the file.
import { promises as fs } from "fs";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import type { CellSource, CellValue } from "../workbook/source";
import { guardZip, XlsxReadError as ZipLimitError, type ZipLimits } from "./zip-cells";

export class XlsxReadError extends Error {
  constructor(
    readonly code: "not-found" | "not-xlsx" | "encrypted-or-ole" | "corrupt" | "unreadable" | "too-large" | "zip-bomb",
    readonly file: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
    this.name = "XlsxReadError";
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

function convert(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      return r === undefined ? null : convert(r);
    }
    if ("error" in v) return { error: String(v.error) };
    if ("text" in v) {
      const t = v.text as unknown;
      if (typeof t === "string") return t;
      if (t && typeof t === "object" && "richText" in t)
        return (t as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
    }
  }
  return null;
}

class ExcelJsSource implements CellSource {
  private readonly sheets = new Map<string, ExcelJS.Worksheet>();
  private readonly names: Record<string, string> = {};

  constructor(
    readonly name: string,
    private readonly wb: ExcelJS.Workbook,
  ) {
    wb.eachSheet((ws) => this.sheets.set(ws.name, ws));
    const model = (wb.definedNames as unknown as { model: { name: string; ranges: string[]; localSheetId?: number }[] })
      .model;
    for (const n of model)
      if (n.localSheetId === undefined && !n.name.startsWith("_xlnm.")) this.names[n.name] = n.ranges.join(",");
  }

  sheetNames(): string[] {
    return [...this.sheets.keys()];
  }

  private cell(sheet: string, ref: string): ExcelJS.Cell | undefined {
    const ws = this.sheets.get(sheet);
    if (!ws) return undefined;
    // findCell does not create the cell (getCell would).
    return (ws as unknown as { findCell(ref: string): ExcelJS.Cell | undefined }).findCell(ref);
  }

  value(sheet: string, ref: string): CellValue {
    const c = this.cell(sheet, ref);
    if (!c) return null;
    const cell = c.type === ExcelJS.ValueType.Merge ? c.master : c;
    // For a formula cell, `value.result` drops a cached 0: read `result` itself.
    if (cell.type === ExcelJS.ValueType.Formula) {
      const r = cell.result as ExcelJS.CellValue | undefined;
      return r === undefined ? null : convert(r);
    }
    return convert(cell.value);
  }

  formula(sheet: string, ref: string): string | null {
    const c = this.cell(sheet, ref);
    if (!c || c.type !== ExcelJS.ValueType.Formula) return null;
    const f = c.formula;
    return typeof f === "string" && f !== "" ? f : null;
  }

  definedNames(): Record<string, string> {
    return this.names;
  }

  savedAt(): string | null {
    const d = this.wb.modified;
    return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
  }
}

/** The same size, ratio and inflated-size limits as the aggregation's reader (src/xlsx/zip-cells.ts guardZip). */
const inflateCapped = (data: Uint8Array, max: number) =>
  zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, max) });

/**
 * A CellSource over .xlsx bytes; `name` is the file name used in messages. The bytes pass guardZip (file size,
 * stated sizes, every part inflated against its stated size) before ExcelJS sees them: a zip bomb is refused with
 * bounded memory instead of being inflated in full.
 */
export async function readXlsx(data: Uint8Array, name: string, limits: ZipLimits = {}): Promise<CellSource> {
  const base = path.basename(name);
  if (startsWith(data, OLE))
    throw new XlsxReadError(
      "encrypted-or-ole",
      name,
      `${base}：是旧版 Excel 97–2003（.xls）文件或加密的工作簿，无法读取。请在 Excel 中取消密码后另存为 .xlsx`,
      `${base}: an Excel 97–2003 (.xls) or encrypted workbook; remove the password and save it as .xlsx`,
    );
  if (!startsWith(data, ZIP))
    throw new XlsxReadError(
      "not-xlsx",
      name,
      `${base}：不是 .xlsx 工作簿文件（文件内容不是 Excel 工作簿格式）`,
      `${base}: not an .xlsx workbook`,
    );
  try {
    await guardZip(data, { ...limits, inflateRaw: inflateCapped });
  } catch (e) {
    if (!(e instanceof ZipLimitError)) throw e;
    if (e.code === "not-xlsx")
      throw new XlsxReadError(
        "corrupt",
        name,
        `${base}：文件已损坏或不是 Excel 工作簿，无法读取（${e.reason.zh}）`,
        `${base}: damaged or not an Excel workbook (${e.reason.en})`,
      );
    throw new XlsxReadError(
      e.code === "too-large" ? "too-large" : "zip-bomb",
      name,
      `${base}：${e.reason.zh}`,
      `${base}: ${e.reason.en}`,
    );
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new XlsxReadError(
      "corrupt",
      name,
      `${base}：文件已损坏或不是 Excel 工作簿，无法读取（${(e as Error).message}）`,
      `${base}: damaged or not an Excel workbook (${(e as Error).message})`,
    );
  }
  if (wb.worksheets.length === 0)
    throw new XlsxReadError(
      "corrupt",
      name,
      `${base}：工作簿中没有工作表，文件已损坏或不是 Excel 工作簿`,
      `${base}: the workbook has no sheets`,
    );
  return new ExcelJsSource(name, wb);
}

/**
 * Reads an .xlsx file (read only; the file is never modified). Anything but a regular file (a folder, a FIFO, a
 * device) is refused before it is opened, and so is a file over the size limit.
 */
export async function readXlsxFile(file: string, limits: ZipLimits = {}): Promise<CellSource> {
  let data: Buffer;
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (!st.isFile())
      throw new XlsxReadError(
        "not-xlsx",
        file,
        `${file}：不是普通文件（管道、设备或套接字），未读取`,
        `${file}: not a regular file (a FIFO, device or socket); not read`,
      );
    const max = limits.maxFileBytes ?? 20 * 1024 * 1024;
    if (st.size > max)
      throw new XlsxReadError(
        "too-large",
        file,
        `${file}：文件过大（${(st.size / 1048576).toFixed(1)} MB，上限 ${(max / 1048576).toFixed(1)} MB），未读取`,
        `${file}: too large (${(st.size / 1048576).toFixed(1)} MB, limit ${(max / 1048576).toFixed(1)} MB)`,
      );
    data = await fs.readFile(file);
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new XlsxReadError("not-found", file, `${file}：文件不存在`, `${file}: no such file`);
    if (code === "EISDIR")
      throw new XlsxReadError(
        "unreadable",
        file,
        `${file}：是文件夹，不是 .xlsx 文件`,
        `${file}: a folder, not an .xlsx file`,
      );
    throw new XlsxReadError(
      "unreadable",
      file,
      `${file}：无法读取（${(e as Error).message}）`,
      `${file}: cannot be read (${(e as Error).message})`,
    );
  }
  return readXlsx(data, file, limits);
}
