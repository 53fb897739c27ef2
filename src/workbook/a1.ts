// A1 references: column letters, cell and range references, absolute forms.

import { columnLetter } from "../core/columns";

/** 1 → "A", 27 → "AA". */
export const colLetter = columnLetter;

/** "A" → 1, "AA" → 27. */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellRef(col: string, row: number): string {
  return `${col}${row}`;
}

export function rangeRef(col1: string, row1: number, col2: string, row2: number): string {
  return row1 === row2 && col1 === col2 ? cellRef(col1, row1) : `${col1}${row1}:${col2}${row2}`;
}

/** "G5" → "$G$5", "G5:G9" → "$G$5:$G$9". */
export function absolute(ref: string): string {
  return ref
    .split(":")
    .map((r) => r.replace(/^\$?([A-Z]+)\$?(\d+)$/i, "$$$1$$$2"))
    .join(":");
}

export function parseCellRef(ref: string): { col: string; row: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref.trim());
  if (!m) throw new RangeError(`not a cell reference: ${ref}`);
  return { col: m[1].toUpperCase(), row: Number(m[2]) };
}

/** A sheet name quoted for a formula: '评分'. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** "'评分'!$H$40" */
export function sheetRef(sheet: string, ref: string): string {
  return `${quoteSheet(sheet)}!${absolute(ref)}`;
}
