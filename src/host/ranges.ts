// Grouping cell references into ranges, so that a renderer sets a format once for a run of cells rather than once
// per cell (fewer operations in Excel's batch), and reading A1 ranges back into cells.
import { colIndex, colLetter, parseCellRef } from "../workbook/a1";

/** Column runs: refs in the same column on consecutive rows become one range ("G5:G27"); order is kept stable. */
export function columnRuns(refs: readonly string[]): string[] {
  const byCol = new Map<string, number[]>();
  for (const ref of refs) {
    const { col, row } = parseCellRef(ref);
    const rows = byCol.get(col) ?? [];
    rows.push(row);
    byCol.set(col, rows);
  }
  const out: { col: string; first: number; last: number }[] = [];
  for (const [col, rows] of byCol) {
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    let first = sorted[0];
    let prev = first;
    for (const row of sorted.slice(1)) {
      if (row === prev + 1) {
        prev = row;
        continue;
      }
      out.push({ col, first, last: prev });
      first = prev = row;
    }
    out.push({ col, first, last: prev });
  }
  out.sort((a, b) => a.first - b.first || colIndex(a.col) - colIndex(b.col));
  return out.map((r) => (r.first === r.last ? `${r.col}${r.first}` : `${r.col}${r.first}:${r.col}${r.last}`));
}

/** Every cell of an A1 range ("B2:C3" → B2, C2, B3, C3). */
export function cellsOf(range: string): string[] {
  const [a, b = a] = range.split(":");
  const p = parseCellRef(a);
  const q = parseCellRef(b);
  const out: string[] = [];
  for (let r = Math.min(p.row, q.row); r <= Math.max(p.row, q.row); r++)
    for (let c = Math.min(colIndex(p.col), colIndex(q.col)); c <= Math.max(colIndex(p.col), colIndex(q.col)); c++)
      out.push(`${colLetter(c)}${r}`);
  return out;
}

/** The smallest rectangle holding every ref: first row/column and size. */
export function boundingBox(refs: readonly string[]): { top: number; left: number; rows: number; cols: number } | null {
  if (!refs.length) return null;
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const ref of refs) {
    const { col, row } = parseCellRef(ref);
    const c = colIndex(col);
    top = Math.min(top, row);
    bottom = Math.max(bottom, row);
    left = Math.min(left, c);
    right = Math.max(right, c);
  }
  return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

/** "'评分'!A1:M40" or "A1:M40" (Office.js addresses) → the top-left cell's row and column index. */
export function topLeftOf(address: string): { row: number; col: number } {
  const local = address.slice(address.lastIndexOf("!") + 1).split(":")[0];
  const { col, row } = parseCellRef(local);
  return { row, col: colIndex(col) };
}
