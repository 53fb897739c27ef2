// Builds one sheet of a layout cell by cell; shared by the scoring workbook (sheets/*.ts) and the secretariat's summary
// (src/summary/layout.ts), so that both produce SheetLayout the same way.
import { CELL_TEXT_LIMIT } from "../core/aggregate";
import { colIndex, colLetter, parseCellRef } from "./a1";
import type { Shown } from "./figures";
import type {
  CellLayout,
  ColumnLayout,
  ConditionalFormatLayout,
  PrintLayout,
  Scalar,
  SheetKey,
  SheetLayout,
  ValidationLayout,
  Visibility,
} from "./types";

/** Excel's limit on the text of one cell (the aggregation names every comment cut at it: core CELL_TEXT_LIMIT). */
export const MAX_CELL_TEXT = CELL_TEXT_LIMIT;

function refOrder(ref: string): number {
  const { col, row } = parseCellRef(ref);
  return row * 1000 + colIndex(col);
}

/** S: the style names a sheet may use (the scoring workbook's StyleName; any string for the summary). */
export class SheetBuilder<S extends string = string> {
  readonly cells = new Map<string, CellLayout>();
  readonly rows = new Map<number, number>();
  readonly merges: string[] = [];
  readonly validations: ValidationLayout[] = [];
  readonly conditionalFormats: ConditionalFormatLayout[] = [];
  columns: ColumnLayout[] = [];

  constructor(
    readonly key: SheetKey,
    readonly name: string,
  ) {}

  set(ref: string, cell: Omit<CellLayout, "ref" | "style"> & { style?: S }): void {
    this.cells.set(ref, { ref, ...cell });
  }

  /** Text, cut at Excel's limit for one cell. */
  text(ref: string, value: string, style: S): void {
    this.set(ref, { value: value.length > MAX_CELL_TEXT ? `${value.slice(0, MAX_CELL_TEXT - 1)}…` : value, style });
  }

  /** A literal value (a string stays text, never a formula). */
  value(ref: string, value: Scalar, style: S): void {
    this.set(ref, { value, style });
  }

  /** A formula with its cached value, or with the figure of the evaluation it shows (figures.ts: show). */
  formula(ref: string, formula: string, result: Scalar | Shown, style: S): void {
    if (result !== null && typeof result === "object") this.set(ref, { formula, ...result, style });
    else this.set(ref, { formula, result, style });
  }

  input(ref: string, value: Scalar | undefined, style: S): void {
    this.set(ref, { value: value === undefined || value === "" ? null : value, style, locked: false });
  }

  /** Merges a range; the first cell keeps the content, the others carry the style for the borders. */
  merge(range: string, style?: S): void {
    this.merges.push(range);
    if (!style) return;
    const [a, b] = range.split(":");
    const ca = /^([A-Z]+)(\d+)$/.exec(a)!;
    const cb = /^([A-Z]+)(\d+)$/.exec(b)!;
    for (let r = Number(ca[2]); r <= Number(cb[2]); r++)
      for (let c = colIndex(ca[1]); c <= colIndex(cb[1]); c++) {
        const ref = `${colLetter(c)}${r}`;
        if (!this.cells.has(ref)) this.set(ref, { style });
      }
  }

  height(row: number, h: number): void {
    this.rows.set(row, Math.max(this.rows.get(row) ?? 0, h));
  }

  /** Height of a row as printed (rows without a height are 15 pt). */
  rowHeightOf(row: number): number {
    return this.rows.get(row) ?? 15;
  }

  build(extra: {
    visibility?: Visibility;
    tabColor?: string;
    freeze?: { rows: number; columns: number };
    print?: PrintLayout;
    showGridLines?: boolean;
    pageBreaks?: number[];
    /** Protect the sheet (default); false leaves it editable. */
    protect?: boolean;
  }): SheetLayout {
    return {
      key: this.key,
      name: this.name,
      visibility: extra.visibility ?? "visible",
      tabColor: extra.tabColor,
      columns: this.columns,
      rows: [...this.rows].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height })),
      // Each cell's place computed once (a comparator parsing both references made this most of a large build).
      cells: [...this.cells.values()]
        .map((c) => ({ c, k: refOrder(c.ref) }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.c),
      merges: this.merges,
      validations: this.validations,
      conditionalFormats: this.conditionalFormats,
      freeze: extra.freeze,
      protection: extra.protect === false ? null : { allowFormatColumns: true, allowFormatRows: true },
      print: extra.print,
      pageBreaks: extra.pageBreaks?.length ? extra.pageBreaks : undefined,
      showGridLines: extra.showGridLines ?? false,
    };
  }
}
