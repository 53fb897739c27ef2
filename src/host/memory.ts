// An in-memory workbook behind the WorkbookHost interface: the tests' Excel and the preview's (`npm run preview`).
// It keeps what a renderer writes (values, formulas with their results, styles, merges, validations, conditional
// formats, names, protection) and lets a person type into cells as in Excel (a protected sheet refuses locked cells;
// "45" in a percent cell is 45 %). It does not evaluate Excel formulas: after every edit it asks the engine, through
// the layout, what each formula of a scoring set shows (buildLayout with the entries read back gives every formula's
// result), so the grid shows live numbers computed exactly as the `score` command computes them.
import { evaluateSet, library as bundledLibrary, type Library, type RubricBundle } from "../core";
import { figureValue, isSetFigure, type Figure, type FigureContext } from "../workbook/figures";
import { readMeta } from "../workbook/interpret";
import { buildLayout } from "../workbook/layout";
import { MemorySource, type CellValue, type MemoryCell } from "../workbook/source";
import type {
  CellStyle,
  ColumnLayout,
  ConditionalFormatLayout,
  PrintLayout,
  ProtectionLayout,
  ValidationLayout,
  Visibility,
  RenderableLayout,
  WorkbookLayout,
  WorkbookMeta,
} from "../workbook/types";
import { readInitial } from "./initial";
import { cellsOf } from "./ranges";
import { findSets, renameLayout, SetSource } from "./sets";
import {
  nameScopeSheet,
  SheetExistsError,
  SheetPasswordError,
  type HostCapabilities,
  type HostSource,
  type ProtectRequest,
  type SheetListing,
  type WorkbookHost,
  type WriteOptions,
} from "./types";

export interface MemCell {
  /** A constant, or a formula's current result. */
  value: CellValue;
  /** en-US, without "=". */
  formula?: string;
  style?: string;
  locked: boolean;
}

export interface MemSheet {
  name: string;
  visibility: Visibility;
  tabColor?: string;
  columns: ColumnLayout[];
  rows: Map<number, number>;
  cells: Map<string, MemCell>;
  merges: string[];
  validations: ValidationLayout[];
  conditionalFormats: ConditionalFormatLayout[];
  freeze?: { rows: number; columns: number };
  print?: PrintLayout;
  /** The options it is protected with; null when not protected. */
  protection: ProtectionLayout | null;
  /** Sheet-scope defined names. */
  names: Record<string, string>;
}

/** Typing into a locked cell of a protected sheet. */
export class CellProtectedError extends Error {
  constructor(
    readonly sheet: string,
    readonly ref: string,
  ) {
    super(`${sheet}!${ref} 受保护`);
    this.name = "CellProtectedError";
  }
}

export interface MemoryOptions {
  name?: string;
  library?: Library;
  /** What openWorkbook does (the preview downloads the file); by default it is only recorded in `opened`. */
  openWorkbook?: (base64: string, fileName: string) => void | Promise<void>;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Excel's serial number of a date typed as yyyy-mm-dd (or yyyy/m/d). */
function dateSerial(text: string): number | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCMonth() !== Number(m[2]) - 1) return null;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86400000);
}

/**
 * What Excel stores when a person types `text` into a cell with this number format: text in a text cell ("@"); a
 * number where the text is one ("45%" → 0.45; in a percent cell, Excel's automatic percent entry makes 45 → 0.45);
 * a date serial for a date; otherwise the text.
 */
export function typedValue(text: string, numFmt: string | undefined): CellValue {
  if (text === "") return null;
  if (numFmt === "@") return text;
  const t = text.trim().replace(/,/g, "");
  const percent = t.endsWith("%");
  const body = percent ? t.slice(0, -1).trim() : t;
  if (NUMBER.test(body)) {
    const n = Number(body);
    if (percent) return n / 100;
    if (numFmt?.includes("%")) return Math.abs(n) >= 1 ? n / 100 : n;
    return n;
  }
  const serial = dateSerial(t);
  if (serial !== null) return serial;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  return text;
}

interface Listener {
  sheets: Set<string>;
  listener: () => void;
}

export class MemoryWorkbook implements WorkbookHost {
  readonly label: string;
  readonly capabilities: HostCapabilities = { currentWorkbook: true, newWorkbook: true, liveEvents: true };
  readonly sheets = new Map<string, MemSheet>();
  readonly order: string[] = [];
  readonly names: Record<string, string> = {};
  readonly styles: Record<string, CellStyle> = {};
  readonly opened: { base64: string; fileName: string }[] = [];
  active: string | null = null;
  selection: { sheet: string; ref: string } | null = null;
  /** How many times each method was called (tests). */
  readonly calls: Record<string, number> = {};
  private readonly lib: Library;
  private readonly setLayouts = new Map<string, SetLayout>();
  private readonly listeners: Listener[] = [];
  private readonly viewers = new Set<() => void>();

  constructor(private readonly options: MemoryOptions = {}) {
    this.label = options.name ?? "预览工作簿";
    this.lib = options.library ?? bundledLibrary();
  }

  private count(method: string): void {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
  }

  /** Redraw callback for a view of the workbook (the preview grid); returns an unsubscribe function. */
  subscribe(viewer: () => void): () => void {
    this.viewers.add(viewer);
    return () => this.viewers.delete(viewer);
  }

  private notifyViewers(): void {
    for (const v of [...this.viewers]) v();
  }

  private findSheet(name: string): MemSheet | undefined {
    const exact = this.sheets.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const s of this.sheets.values()) if (s.name.toLowerCase() === lower) return s;
    return undefined;
  }

  /** Adds an empty sheet (tests, and a workbook that already has sheets of its own). */
  addSheet(name: string): MemSheet {
    if (this.findSheet(name)) throw new SheetExistsError([name]);
    const sheet: MemSheet = {
      name,
      visibility: "visible",
      columns: [],
      rows: new Map(),
      cells: new Map(),
      merges: [],
      validations: [],
      conditionalFormats: [],
      protection: null,
      names: {},
    };
    this.sheets.set(name, sheet);
    this.order.push(name);
    this.active ??= name;
    this.notifyViewers();
    return sheet;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- WorkbookHost is async: a failure rejects, as Excel's does
  async listSheets(): Promise<SheetListing> {
    this.count("listSheets");
    return { names: [...this.order], active: this.active };
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- WorkbookHost is async: a failure rejects, as Excel's does
  async writeLayout(layout: RenderableLayout, options: WriteOptions = {}): Promise<void> {
    this.count("writeLayout");
    const taken = layout.sheets.filter((s) => this.findSheet(s.name)).map((s) => s.name);
    if (taken.length) throw new SheetExistsError(taken);
    Object.assign(this.styles, layout.styles);
    for (const s of layout.sheets) {
      const cells = new Map<string, MemCell>();
      for (const c of s.cells) {
        const value: CellValue = c.formula !== undefined ? (c.result ?? null) : (c.value ?? null);
        cells.set(c.ref, { value, formula: c.formula, style: c.style, locked: c.locked !== false });
      }
      this.sheets.set(s.name, {
        name: s.name,
        visibility: s.visibility,
        tabColor: s.tabColor,
        columns: s.columns.map((c) => ({ ...c })),
        rows: new Map(s.rows.map((r) => [r.row, r.height])),
        cells,
        merges: [...s.merges],
        validations: s.validations,
        conditionalFormats: s.conditionalFormats,
        freeze: s.freeze,
        print: s.print,
        protection: s.protection,
        names: {},
      });
      this.order.push(s.name);
    }
    const lowerNames = new Set(Object.keys(this.names).map((n) => n.toLowerCase()));
    const scoring = this.sheets.get(nameScopeSheet(layout))!;
    for (const n of layout.names) {
      const ref = `'${n.sheet.replace(/'/g, "''")}'!${n.ref}`;
      if (lowerNames.has(n.name.toLowerCase())) scoring.names[n.name] = ref;
      else this.names[n.name] = ref;
    }
    this.active = options.activate ?? layout.sheets.find((s) => s.visibility === "visible")?.name ?? this.active;
    this.selection = null;
    this.notifyViewers();
  }

  async openWorkbook(base64: string, fileName: string): Promise<void> {
    this.count("openWorkbook");
    this.opened.push({ base64, fileName });
    await this.options.openWorkbook?.(base64, fileName);
  }

  /** A snapshot of the given sheets (later edits do not change it). */
  // eslint-disable-next-line @typescript-eslint/require-await -- WorkbookHost is async: a failure rejects, as Excel's does
  async read(sheets: string[]): Promise<HostSource> {
    this.count("read");
    return this.snapshot(sheets);
  }

  snapshot(sheetNames: string[]): HostSource {
    const data: Record<string, Record<string, MemoryCell>> = {};
    const scoped: Record<string, Record<string, string>> = {};
    for (const name of sheetNames) {
      const s = this.sheets.get(name);
      if (!s) continue;
      const cells: Record<string, MemoryCell> = {};
      for (const [ref, c] of s.cells)
        if (c.formula !== undefined || (c.value !== null && c.value !== ""))
          cells[ref] = { value: c.value, formula: c.formula };
      data[name] = cells;
      scoped[name] = { ...s.names };
    }
    const source = new MemorySource(this.label, data, { ...this.names }) as MemorySource & HostSource;
    source.scopedNames = (sheet: string) => scoped[sheet] ?? {};
    return source;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- WorkbookHost is async: a failure rejects, as Excel's does
  async select(sheet: string, ref: string): Promise<void> {
    this.count("select");
    if (!this.sheets.has(sheet)) throw new Error(`no sheet ${sheet}`);
    this.active = sheet;
    this.selection = { sheet, ref };
    this.notifyViewers();
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- WorkbookHost is async: a failure rejects, as Excel's does
  async protect(requests: ProtectRequest[]): Promise<void> {
    this.count("protect");
    // As Excel does: a sheet protected with a password is not unprotected without it (checked before any change).
    const refused = requests.filter((r) => {
      const pw = this.sheets.get(r.sheet)?.protection?.password;
      return pw && r.currentPassword !== pw;
    });
    if (refused.length)
      throw new SheetPasswordError(
        refused.map((r) => r.sheet),
        refused.some((r) => r.currentPassword !== undefined),
      );
    for (const r of requests) {
      const s = this.sheets.get(r.sheet);
      if (!s) throw new Error(`no sheet ${r.sheet}`);
      for (const range of r.lock)
        for (const ref of cellsOf(range)) {
          const c = s.cells.get(ref);
          if (c) c.locked = true;
          else s.cells.set(ref, { value: null, locked: true });
        }
      s.protection = r.currentPassword ? { ...r.protection, password: r.currentPassword } : r.protection;
    }
    this.notifyViewers();
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- WorkbookHost is async: a failure rejects, as Excel's does
  async onChange(sheets: string[], listener: () => void): Promise<() => void> {
    this.count("onChange");
    const entry: Listener = { sheets: new Set(sheets), listener };
    this.listeners.push(entry);
    return () => {
      const i = this.listeners.indexOf(entry);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Shows a sheet (the preview's tabs). */
  activate(sheet: string): void {
    if (!this.sheets.has(sheet)) return;
    this.active = sheet;
    this.notifyViewers();
  }

  cell(sheet: string, ref: string): MemCell | undefined {
    return this.sheets.get(sheet)?.cells.get(ref);
  }

  styleOf(cell: MemCell | undefined): CellStyle | undefined {
    return cell?.style ? this.styles[cell.style] : undefined;
  }

  /** Whether a person may type into the cell (a locked cell of a protected sheet may not be changed). */
  editable(sheet: string, ref: string): boolean {
    const s = this.sheets.get(sheet);
    if (!s) return false;
    if (!s.protection) return true;
    const c = s.cells.get(ref);
    return c !== undefined && !c.locked;
  }

  /**
   * Types text into a cell, as a person in Excel would (the cell's number format decides what is stored), then
   * recomputes the formula results and tells the listeners. Data validation is not enforced, so that the check can be
   * seen catching a bad value (Excel lets one in by pasting).
   */
  enter(sheet: string, ref: string, text: string): CellValue {
    const s = this.sheets.get(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    if (!this.editable(sheet, ref)) throw new CellProtectedError(sheet, ref);
    const existing = s.cells.get(ref);
    const value = typedValue(text, this.styleOf(existing)?.numFmt);
    if (existing) {
      existing.value = value;
      delete existing.formula;
    } else s.cells.set(ref, { value, locked: true });
    this.recalculate();
    this.changed(sheet);
    return value;
  }

  /** Sets a cell as a program would (tests): a value, or a formula with the result it shows. */
  setCell(sheet: string, ref: string, cell: { value?: CellValue; formula?: string }): void {
    const s = this.sheets.get(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    const existing = s.cells.get(ref);
    s.cells.set(ref, {
      locked: existing?.locked ?? true,
      style: existing?.style,
      value: cell.value ?? null,
      formula: cell.formula,
    });
    this.changed(sheet);
  }

  private changed(sheet: string): void {
    this.notifyViewers();
    for (const l of [...this.listeners]) if (l.sheets.has(sheet)) queueMicrotask(l.listener);
  }

  /**
   * Every scoring set's formula results, recomputed by the engine from its input cells: the set's layout is built
   * once (cached by its metadata), then each edit costs one evaluation and a figureValue per formula cell.
   */
  recalculate(): void {
    for (const set of findSets(this.order)) {
      const source = new SetSource(this.snapshot(Object.values(set.sheets)), set);
      const found = this.setLayout(source, set.suffix);
      if (!found) continue;
      const { bundle, layout, formulas } = found;
      const initial = readInitial(source, layout);
      const fc: FigureContext = {
        bundle,
        mode: layout.meta.mode,
        legacy: layout.layoutVersion === "1",
        initial,
        evaluation: evaluateSet(bundle, { ...initial, legacyYesNo: layout.layoutVersion === "1" }),
      };
      for (const { sheet, ref, shows } of formulas) {
        const cell = this.sheets.get(sheet)?.cells.get(ref);
        if (cell?.formula !== undefined) cell.value = figureValue(fc, shows);
      }
    }
  }

  /** A set's layout, from its metadata, built once; null when the set is not a readable scoring workbook. */
  private setLayout(source: SetSource, suffix: string): SetLayout | null {
    const meta = readMeta(source);
    const bundle = meta?.rubricId ? this.lib.get(meta.rubricId) : undefined;
    if (!meta || !bundle) return null;
    const base: WorkbookMeta = {
      applicant: meta.applicant ?? "?",
      expert: meta.expert ?? "?",
      stage: meta.stage === "onsite" ? "onsite" : "material",
      mode: meta.mode === "custom" ? "custom" : "native",
      createdAt: meta.createdAt ?? "",
      ...(meta.layoutVersion ? { layoutVersion: meta.layoutVersion } : {}),
    };
    const key = JSON.stringify([suffix, bundle.rubric.id, base]);
    const cached = this.setLayouts.get(suffix);
    if (cached?.key === key) return cached;
    let layout: WorkbookLayout;
    try {
      layout = buildLayout(bundle, base);
    } catch {
      return null;
    }
    const names = renameLayout(layout, suffix).sheets.map((x) => x.name);
    const formulas = layout.sheets.flatMap((x, k) =>
      x.cells.flatMap((c) =>
        c.shows && isSetFigure(c.shows) ? [{ sheet: names[k], ref: c.ref, shows: c.shows }] : [],
      ),
    );
    const entry: SetLayout = { key, bundle, layout, formulas };
    this.setLayouts.set(suffix, entry);
    return entry;
  }
}

interface SetLayout {
  key: string;
  bundle: RubricBundle;
  /** Under the canonical sheet names (the SetSource reads through them). */
  layout: WorkbookLayout;
  /** The formula cells that show a figure of the evaluation, under the set's own sheet names. */
  formulas: { sheet: string; ref: string; shows: Figure }[];
}
