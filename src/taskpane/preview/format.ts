// How the preview grid shows a cell value under its number format, and the text a person edits.
import type { CellValue } from "../../workbook/source";

function serialDate(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86400000).toISOString().slice(0, 10);
}

function decimals(fmt: string): number | null {
  const m = /^0(?:\.(0+))?$/.exec(fmt);
  return m ? (m[1]?.length ?? 0) : null;
}

export function display(value: CellValue, numFmt: string | undefined): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") return value.error;
  if (typeof value === "string") return value;
  const fmt = numFmt ?? "General";
  if (fmt === "@") return String(value);
  const pct = /^0(?:\.(0+))?%$/.exec(fmt);
  if (pct) return `${(value * 100).toFixed(pct[1]?.length ?? 0)}%`;
  const d = decimals(fmt);
  if (d !== null) return value.toFixed(d);
  if (/y+-m+-d+/.test(fmt)) return serialDate(value);
  return String(Number(value.toPrecision(10)));
}

/** What the formula bar shows for editing (a percent as "45%", a date as yyyy-mm-dd). */
export function editText(value: CellValue, numFmt: string | undefined): string {
  if (value === null) return "";
  if (typeof value === "number") {
    if (numFmt?.includes("%")) return `${Number((value * 100).toFixed(6))}%`;
    if (numFmt && /y+-m+-d+/.test(numFmt)) return serialDate(value);
    return String(value);
  }
  return display(value, numFmt);
}
