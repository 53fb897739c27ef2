// Reading a roster file's bytes (名单: .csv in UTF-8 or GB18030 as Chinese Excel saves it, or .xlsx, first visible
// sheet) into rows for parseRoster (src/core/roster.ts). Shared by the command line (src/aggregate/roster.ts reads
// the file) and the task pane (the user picks the file): no file system here. In the browser bundles webpack maps
// csv-parse/sync to csv-parse's own browser build.
import { parse } from "csv-parse/sync";
import { colIndex, parseCellRef } from "../workbook/a1";
import { msg, type Message } from "../core/messages";
import { readZipWorkbook, XlsxReadError, type InflateRaw, type RawCell } from "../xlsx/zip-cells";

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030 (GBK), which Chinese Excel writes. */
export function decodeText(data: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder("gb18030").decode(data);
  }
}

export function csvRows(text: string): string[][] {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  // Excel in some locales separates with semicolons or tabs.
  const delimiter =
    firstLine.includes("\t") && !firstLine.includes(",")
      ? "\t"
      : firstLine.includes(";") && !firstLine.includes(",")
        ? ";"
        : ",";
  return parse(text, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
  });
}

/** A sheet's cells as rows; leading blank rows dropped (the header must be the first non-blank row). */
export function cellRows(cells: Map<string, RawCell>): unknown[][] {
  const rows: unknown[][] = [];
  for (const [ref, c] of cells) {
    const { col, row } = parseCellRef(ref);
    (rows[row - 1] ??= [])[colIndex(col) - 1] = c.error ?? c.value;
  }
  const out = Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? ""));
  while (out.length && out[0].every((v) => v === "")) out.shift();
  return out;
}

const isZip = (d: Uint8Array) => d.length >= 4 && d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;

/** The roster's rows, or why the file cannot be read at all (the catalogue's message, naming the file). */
export async function rosterRows(
  data: Uint8Array,
  file: string,
  inflateRaw?: InflateRaw,
): Promise<{ rows: unknown[][] } | { error: Message }> {
  if (isZip(data) || /\.xlsx$/i.test(file)) {
    try {
      const wb = await readZipWorkbook(data, inflateRaw ? { inflateRaw } : {});
      const sheet = wb.sheets.find((s) => s.state === "visible") ?? wb.sheets[0];
      return { rows: sheet ? cellRows(wb.cells.get(sheet.name) ?? new Map<string, RawCell>()) : [] };
    } catch (e) {
      return { error: msg.rosterUnreadable(file, e instanceof XlsxReadError ? e.reason : (e as Error).message) };
    }
  }
  if (/\.(csv|txt)$/i.test(file)) {
    try {
      return { rows: csvRows(decodeText(data)) };
    } catch (e) {
      return { error: msg.rosterNotCsv(file, (e as Error).message) };
    }
  }
  return { error: msg.rosterWrongType(file) };
}
