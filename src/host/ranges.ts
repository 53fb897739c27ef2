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

/**
 * Blocks: column runs side by side over the same rows become one rectangle ("A5:F27" for six columns styled alike
 * on the item rows), so that a style is set once per block rather than once per column.
 */
export function blocksOf(refs: readonly string[]): string[] {
  const runs = columnRuns(refs).map((r) => {
    const [a, b = a] = r.split(":");
    const p = parseCellRef(a);
    const q = parseCellRef(b);
    return { left: colIndex(p.col), right: colIndex(p.col), first: p.row, last: q.row };
  });
  runs.sort((x, y) => x.first - y.first || x.last - y.last || x.left - y.left);
  const out: typeof runs = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (prev && prev.first === r.first && prev.last === r.last && prev.right + 1 === r.left) prev.right = r.left;
    else out.push({ ...r });
  }
  out.sort((x, y) => x.first - y.first || x.left - y.left);
  return out.map((b) => {
    const tl = `${colLetter(b.left)}${b.first}`;
    const br = `${colLetter(b.right)}${b.last}`;
    return tl === br ? tl : `${tl}:${br}`;
  });
}

/**
 * Blocks joined into multi-area addresses ("A5:F27,H5:H27", Office.js getRanges) of at most `maxChars` characters,
 * kept apart by shape: blocks of several rows (or columns) need the inside horizontal (vertical) border, which a
 * single row (column) has none of.
 */
export function areaGroups(
  blocks: readonly string[],
  maxChars: number,
): { address: string; rows: number; cols: number }[] {
  const shape = (b: string) => {
    const [a, c = a] = b.split(":");
    const p = parseCellRef(a);
    const q = parseCellRef(c);
    return { rows: q.row - p.row + 1, cols: colIndex(q.col) - colIndex(p.col) + 1 };
  };
  const groups = new Map<string, { parts: string[]; rows: number; cols: number }[]>();
  for (const b of blocks) {
    const { rows, cols } = shape(b);
    const key = `${rows > 1}|${cols > 1}`;
    const list = groups.get(key) ?? [];
    groups.set(key, list);
    const last = list[list.length - 1];
    const length = last ? last.parts.join(",").length + 1 + b.length : b.length;
    if (last && length <= maxChars) {
      last.parts.push(b);
      last.rows = Math.max(last.rows, rows);
      last.cols = Math.max(last.cols, cols);
    } else list.push({ parts: [b], rows, cols });
  }
  return [...groups.values()].flat().map((g) => ({ address: g.parts.join(","), rows: g.rows, cols: g.cols }));
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
