// Whether a summary's cached formula values are those of its inputs. A summary edited in a program that does not
// recalculate (a script, a converter, an editor that keeps the old cached values) holds figures of the old inputs:
// a report from it would print them. So the summary carries, in its hidden 报告数据 sheet, a mirror of every input
// cell a figure depends on (=IF(ISBLANK(input),"",input)) with the input's value cached. A spreadsheet that
// recalculates — after a what-if in 参数, in Excel, WPS or LibreOffice — updates the mirror with every other formula;
// one that does not leaves it behind, and the input and its mirror disagree. No formula engine is needed to tell.
import { quoteSheet } from "../workbook/a1";
import type { CellLayout, Scalar, SheetLayout } from "../workbook/types";

/** The 报告数据 columns holding the input's address (sheet!cell) and its mirror formula. */
export const MIRROR = { address: "L", mirror: "M", header: "input", headerMirror: "recalculated" } as const;

/** Input styles no formula reads (the wording of 反馈 and of the expert review): not mirrored. */
const TEXT_ONLY = new Set(["longText"]);

/** The mirror cells (rows 1… of columns L and M of the data sheet) of every unlocked input cell of `sheets`. */
export function inputMirrors(sheets: readonly SheetLayout[]): CellLayout[] {
  const cells: CellLayout[] = [
    { ref: `${MIRROR.address}1`, value: MIRROR.header, style: "dataKey" },
    { ref: `${MIRROR.mirror}1`, value: MIRROR.headerMirror, style: "dataKey" },
  ];
  let row = 2;
  for (const s of sheets)
    for (const c of s.cells) {
      if (c.locked !== false || c.formula || TEXT_ONLY.has(c.style ?? "")) continue;
      const at = `${quoteSheet(s.name)}!${c.ref}`;
      const value: Scalar = c.value ?? null;
      cells.push({ ref: `${MIRROR.address}${row}`, value: `${s.name}!${c.ref}`, style: "dataKey" });
      cells.push({
        ref: `${MIRROR.mirror}${row}`,
        formula: `IF(ISBLANK(${at}),"",${at})`,
        result: value === null || value === undefined ? "" : value,
        style: "dataKey",
      });
      row++;
    }
  return cells;
}

/** A cell as a reader gives it: its value (the cached value, for a formula). */
export interface ReadCell {
  value: string | number | boolean | null;
}

export interface StaleInput {
  /** sheet!cell of the input. */
  address: string;
  input: string | number | boolean | null;
  cached: string | number | boolean | null;
}

const blank = (v: ReadCell["value"] | undefined) => v === null || v === undefined || v === "";

function same(a: ReadCell["value"] | undefined, b: ReadCell["value"] | undefined): boolean {
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return String(a).trim() === String(b).trim();
}

/**
 * The inputs whose mirror was not recalculated (empty: the cached values are the inputs'). `cell` reads a cell of
 * the summary; `data` is the 报告数据 sheet's name. A summary without mirrors (an older version) gives none.
 */
export function staleInputs(cell: (sheet: string, ref: string) => ReadCell | undefined, data: string): StaleInput[] {
  const out: StaleInput[] = [];
  if (cell(data, `${MIRROR.address}1`)?.value !== MIRROR.header) return out;
  for (let row = 2; row < 1_000_000; row++) {
    const address = cell(data, `${MIRROR.address}${row}`)?.value;
    if (typeof address !== "string" || !address) break;
    const bang = address.lastIndexOf("!");
    const input = cell(address.slice(0, bang), address.slice(bang + 1))?.value ?? null;
    // Compared whether or not the formula survived: a program that kept values only kept the old ones everywhere.
    const mirror = cell(data, `${MIRROR.mirror}${row}`);
    if (!same(input, mirror?.value)) out.push({ address, input, cached: mirror?.value ?? null });
  }
  return out;
}
