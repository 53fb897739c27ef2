// A CellSource over the lean zip/XML reader (zip-cells.ts), for bulk aggregation: interpret() works the same on it
// as on the ExcelJS reader. Shared formulas are not expanded by that reader: their text is "" (not compared).
import type { CellSource, CellValue } from "../workbook/source";
import { readZipWorkbook, type ZipReadOptions, type ZipWorkbook } from "./zip-cells";

export function zipSource(wb: ZipWorkbook, name: string): CellSource {
  const names: Record<string, string> = Object.fromEntries(wb.definedNames);
  return {
    name,
    sheetNames: () => wb.sheets.map((s) => s.name),
    value(sheet: string, ref: string): CellValue {
      const c = wb.cells.get(sheet)?.get(ref);
      if (!c) return null;
      if (c.error !== undefined) return { error: c.error };
      return c.value;
    },
    formula(sheet: string, ref: string): string | null {
      const c = wb.cells.get(sheet)?.get(ref);
      return c?.formula === undefined ? null : c.formula;
    },
    definedNames: () => names,
    savedAt: () => wb.modified,
  };
}

/** Reads .xlsx bytes with the lean reader (size and zip-bomb limits apply) into a CellSource. */
export async function readXlsxFast(data: Uint8Array, name: string, options: ZipReadOptions = {}): Promise<CellSource> {
  return zipSource(await readZipWorkbook(data, options), name);
}
