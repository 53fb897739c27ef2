// The one interface between the task pane and a workbook. Two implementations: the Office.js one (src/excel, the
// only code that touches Office.js) and MemoryWorkbook (src/host/memory.ts: tests and `npm run preview`).
//
// The pane never decides where a cell is: it builds a WorkbookLayout (src/workbook) and hands it to writeLayout; it
// reads back with read() and lets src/workbook/interpret.ts find the cells. Every method is one short round trip to
// Excel (writeLayout: two, one to check the sheet names, one to write everything), so that a whole check (listSheets
// + read) costs two `context.sync()` whatever the size of the rubric.
import type { CellSource } from "../workbook/source";
import type { ProtectionLayout, RenderableLayout, WorkbookLayout } from "../workbook/types";

/** What a host can do; the pane hides what it cannot. */
export interface HostCapabilities {
  /** writeLayout: render a scoring workbook as new sheets of the current workbook. */
  currentWorkbook: boolean;
  /** openWorkbook: open a generated .xlsx as a new workbook (Excel: a new window; preview: a download). */
  newWorkbook: boolean;
  /** onChange reports edits as they happen (otherwise the pane checks on request only). */
  liveEvents: boolean;
}

export interface SheetListing {
  /** Every sheet, visible, hidden or very hidden, in tab order. */
  names: string[];
  /** The sheet the reviewer is on, when the host knows. */
  active: string | null;
}

/** A CellSource over some sheets, plus the names scoped to one of those sheets (a second scoring set keeps its
 * defined names on its scoring sheet, as the workbook-scope ones belong to the first). */
export interface HostSource extends CellSource {
  /** Sheet-scope defined names of a sheet that was read: name → reference text ("'评分 (2)'!$D$5:$D$27"). */
  scopedNames(sheet: string): Record<string, string>;
}

/** Protect one sheet, first locking the given cells (Finish locks the input cells so nothing changes by accident). */
export interface ProtectRequest {
  sheet: string;
  protection: ProtectionLayout;
  /** A1 references or ranges ("G5:G27") to lock before protecting. */
  lock: string[];
  /**
   * The password the sheet is protected with now, if it is (asked in the pane): it is unprotected with it and
   * protected again with it. Without it, a sheet protected with a password is refused (SheetPasswordError).
   */
  currentPassword?: string;
}

/** protect refused: these sheets are protected with a password that was not given or is wrong (nothing changed). */
export class SheetPasswordError extends Error {
  constructor(
    readonly sheets: string[],
    readonly wrong: boolean,
  ) {
    super(`${wrong ? "工作表保护密码不正确" : "工作表设有保护密码"}：${sheets.join("、")}`);
    this.name = "SheetPasswordError";
  }
}

/** writeLayout failed part way; what it had added was removed again (`cleaned`), so that a retry starts clean. */
export class WriteFailedError extends Error {
  constructor(
    readonly cause: unknown,
    readonly cleaned: boolean,
    readonly leftover: string[],
  ) {
    super(
      cleaned
        ? `写入工作簿失败，已撤消本次添加的工作表：${(cause as Error)?.message ?? String(cause)}`
        : `写入工作簿失败，以下工作表未能撤消，请手动删除：${leftover.join("、")}`,
    );
    this.name = "WriteFailedError";
  }
}

export interface WriteOptions {
  /** The sheet to show when done (default: the layout's first visible sheet). */
  activate?: string;
}

export interface WorkbookHost {
  /** Shown in messages ("Excel", "预览工作簿"). */
  readonly label: string;
  readonly capabilities: HostCapabilities;
  listSheets(): Promise<SheetListing>;
  /**
   * Renders a layout as new sheets of the current workbook: values, formulas (en-US), styles, merges, validations,
   * conditional formats, defined names, print setup and protection, as src/workbook/types.ts describes. Never
   * overwrites: throws SheetExistsError when any of the layout's sheet names is taken (the pane offers new names
   * first; the host checks again at write time). A defined name that already exists at workbook scope (another
   * scoring set's) is added at the scope of the layout's scoring sheet instead, never replaced.
   */
  writeLayout(layout: RenderableLayout, options?: WriteOptions): Promise<void>;
  /** Opens .xlsx bytes (base64) as a new workbook. */
  openWorkbook(base64: string, fileName: string): Promise<void>;
  /** The values (formula cells: their results) and formulas of the given sheets, and the defined names. */
  read(sheets: string[]): Promise<HostSource>;
  /** Shows a sheet and selects a cell or range on it. */
  select(sheet: string, ref: string): Promise<void>;
  /** Locks the given cells and protects the sheets (one round trip for all of them). */
  protect(requests: ProtectRequest[]): Promise<void>;
  /** Calls back after the reviewer changes any of the sheets; returns a function that stops listening. */
  onChange(sheets: string[], listener: () => void): Promise<() => void>;
  /**
   * Calls back when the pane is hidden (false) or shown again (true), where the host knows (Excel with a shared
   * runtime: the page keeps running while the pane is closed); returns a function that stops listening. A hidden
   * pane reads nothing: the pane pauses its live checks until it is shown.
   */
  onVisibility?(listener: (visible: boolean) => void): Promise<() => void>;
}

/**
 * Excel is in cell-edit mode (the reviewer is typing in a cell) and refused the request even after waiting
 * (`delayForCellEdit`) and a few quiet retries. Not a fault: a live check simply runs again later.
 */
export class CellEditModeError extends Error {
  constructor(readonly cause: unknown) {
    super(
      "Excel 正在编辑单元格：按 Enter 或 Tab 结束编辑后再试 (Excel is in cell-edit mode: press Enter or Tab, then try again)",
    );
    this.name = "CellEditModeError";
  }
}

/** writeLayout refused: these sheets exist already (nothing was written). */
export class SheetExistsError extends Error {
  constructor(readonly sheets: string[]) {
    super(`工作表已存在：${sheets.join("、")}`);
    this.name = "SheetExistsError";
  }
}

/** A host operation the host cannot do (an old Excel without the requirement set); the message says so in both languages. */
export class HostUnsupportedError extends Error {
  readonly code = "host-unsupported";
  readonly zh: string;
  readonly en: string;
  constructor(
    readonly what: string,
    readonly requirement: string,
  ) {
    super(`${what} needs ${requirement}`);
    this.name = "HostUnsupportedError";
    this.zh = `此版本的 Excel 不支持这项操作（需要 ${requirement}）：请使用较新的 Excel，或用命令行 scorebook score / scorebook aggregate 检查和汇总评分表。`;
    this.en = `This version of Excel cannot do this (it needs ${requirement}): use a newer Excel, or the command line (scorebook score / scorebook aggregate).`;
  }
}

/**
 * The sheet that takes a layout's defined names as sheet-scoped names when the workbook already has them (a second
 * scoring set in one workbook): the scoring sheet of a scoring workbook, else the first visible sheet.
 */
export function nameScopeSheet(layout: RenderableLayout): string {
  const scoring = (layout as Partial<WorkbookLayout>).map?.scoring.sheet;
  return scoring ?? layout.sheets.find((s) => s.visibility === "visible")?.name ?? layout.sheets[0].name;
}
