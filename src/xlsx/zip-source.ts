// A CellSource over the lean zip/XML reader (zip-cells.ts), for bulk aggregation: interpret() gives the same report on
// it as on the ExcelJS reader (test/xlsx/readers.test.ts). Shared formulas are expanded as ExcelJS expands them; one
// whose master cell is missing reads as "" (a formula whose text is unknown, not compared).
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
    savedAt: () => isoTime(wb.modified),
  };
}

/** Reads .xlsx bytes with the lean reader (size and zip-bomb limits apply) into a CellSource. */
export async function readXlsxFast(data: Uint8Array, name: string, options: ZipReadOptions = {}): Promise<CellSource> {
  return zipSource(await readZipWorkbook(data, options), name);
}

/** dcterms:modified as ExcelJS gives it (Date → ISO 8601 with milliseconds), or null. */
function isoTime(text: string | null): string | null {
  if (!text) return null;
  const d = new Date(text.trim());
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
