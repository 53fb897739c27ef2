// What interpret.ts needs from a workbook, whatever reads it: ExcelJS (src/xlsx/read.ts), a future zip/XML reader
// for bulk aggregation, or Office.js in the task pane (load the used ranges first, then serve them from memory).
import type { CellLayout, RenderableLayout } from "./types";

export type CellValue = string | number | boolean | Date | null | { error: string };

export interface CellSource {
  /** The file (or workbook) name, used in every message. */
  readonly name: string;
  sheetNames(): string[];
  /**
   * What the cell holds: a constant, or for a formula cell its cached result (null when there is none). Rich text is
   * joined into one string; an error value is { error: "#N/A" }. A missing sheet or cell gives null.
   */
  value(sheet: string, ref: string): CellValue;
  /**
   * A formula cell's formula without the leading "=" (shared formulas expanded); null for a constant or empty cell;
   * "" for a formula cell whose text the reader cannot give (then only its cached value is checked).
   */
  formula(sheet: string, ref: string): string | null;
  /** Workbook-scope defined names → reference text ("'评分'!$A$5:$A$27"; several areas joined with ","). */
  definedNames(): Record<string, string>;
  /** When the file was last saved (ISO 8601), if the file says. */
  savedAt?(): string | null;
}

export interface MemoryCell {
  value?: CellValue;
  formula?: string;
}

/** A CellSource over plain data: tests, and the task pane after loading the sheets' values and formulas. */
export class MemorySource implements CellSource {
  constructor(
    readonly name: string,
    readonly sheets: Record<string, Record<string, MemoryCell>>,
    readonly names: Record<string, string> = {},
    readonly saved: string | null = null,
  ) {}

  sheetNames(): string[] {
    return Object.keys(this.sheets);
  }

  value(sheet: string, ref: string): CellValue {
    const v = this.sheets[sheet]?.[ref]?.value;
    return v === undefined ? null : v;
  }

  formula(sheet: string, ref: string): string | null {
    return this.sheets[sheet]?.[ref]?.formula ?? null;
  }

  definedNames(): Record<string, string> {
    return this.names;
  }

  savedAt(): string | null {
    return this.saved;
  }

  /** Sets a cell (tests): a value replaces the formula unless one is given. */
  set(sheet: string, ref: string, cell: MemoryCell): this {
    (this.sheets[sheet] ??= {})[ref] = cell;
    return this;
  }
}

/** The workbook exactly as the layout describes it (cached results as values): what a freshly written file reads as. */
export function layoutSource(layout: RenderableLayout, name = "layout"): MemorySource {
  const sheets: Record<string, Record<string, MemoryCell>> = {};
  for (const s of layout.sheets) {
    const cells: Record<string, MemoryCell> = {};
    for (const c of s.cells) {
      const cell = fromLayout(c);
      if (cell) cells[c.ref] = cell;
    }
    sheets[s.name] = cells;
  }
  const names: Record<string, string> = {};
  for (const n of layout.names) names[n.name] = `'${n.sheet}'!${n.ref}`;
  return new MemorySource(name, sheets, names, layout.properties.created);
}

function fromLayout(c: CellLayout): MemoryCell | null {
  if (c.formula !== undefined) return { formula: c.formula, value: c.result === "" ? null : (c.result ?? null) };
  if (c.value === undefined || c.value === null) return null;
  return { value: c.value };
}
