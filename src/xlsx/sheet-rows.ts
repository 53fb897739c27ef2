// A workbook's sheets as rows of plain cells (index 0 = row 1, column A), read through the guarded lean zip reader:
// what the award definition workbook's checks read (src/core/award), on Node (src/award, zlib's inflate) and in the
// task pane (the browser's DecompressionStream). Formula cells give their cached value, an error cell its text.
import { readZipWorkbook, type ZipReadOptions } from "./zip-cells";

export type RowCell = string | number | boolean | null;

export async function readSheetRows(
  data: Uint8Array,
  options: ZipReadOptions = {},
): Promise<Record<string, RowCell[][]>> {
  const wb = await readZipWorkbook(data, options);
  const out: Record<string, RowCell[][]> = {};
  for (const s of wb.sheets) {
    const rows: RowCell[][] = [];
    for (const [ref, cell] of wb.cells.get(s.name) ?? []) {
      const m = /^([A-Z]+)(\d+)$/.exec(ref);
      if (!m) continue;
      let col = 0;
      for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
      const row = Number(m[2]) - 1;
      const value = cell.error !== undefined ? cell.error : cell.value;
      if (value === null || value === "" || value === undefined) continue;
      while (rows.length <= row) rows.push([]);
      rows[row][col - 1] = value;
    }
    for (let i = 0; i < rows.length; i++)
      rows[i] = Array.from({ length: rows[i].length }, (_, c) => rows[i][c] ?? null);
    out[s.name] = rows;
  }
  return out;
}
