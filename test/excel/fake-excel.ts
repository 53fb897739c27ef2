// A fake Excel for the Office.js adapter, made of office-addin-mock objects: what the adapter reads must be loaded
// and synced first (reading too early gives office-addin-mock's "Error, context.sync() was not called" strings),
// every context.sync() is counted, and every write is kept for the test to inspect. A small cell store holds what was
// written (values, formulas) so that a check can read it back; formula results are what the test says Excel shows.
import { OfficeMockObject } from "office-addin-mock";
import { colIndex, colLetter, parseCellRef } from "../../src/workbook/a1";
import type { OfficeApi } from "../../src/excel/host";
import type { CellValue } from "../../src/workbook/source";

type Mock = OfficeMockObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface RangeRecord {
  sheet: string;
  address: string;
  mock: Mock;
  borders: Record<string, Mock>;
  conditionalFormats: Mock[];
  merged?: boolean;
  selected?: boolean;
}

export interface FakeCell {
  value: CellValue;
  /** With "=". */
  formula?: string;
}

export interface FakeSheet {
  name: string;
  mock: Mock;
  cells: Map<string, FakeCell>;
  ranges: RangeRecord[];
  names: { name: string; formula: string }[];
  protectCalls: { options: unknown; password?: string }[];
  unprotectCalls: number;
  /** The password given to each unprotect call (undefined: none). */
  unprotectPasswords: (string | undefined)[];
  /** Whether the sheet is protected now, and with which password (null: none). */
  protectedWith?: string | null;
  /** The range given to freezePanes.freezeAt. */
  frozenAt?: string;
  printArea?: string;
  printTitleRows?: string;
  pageBreaks: string[];
  activated: number;
  handlers: (() => Promise<unknown>)[];
}

const EXCEL_ERRORS = /^#(N\/A|VALUE!|REF!|NAME\?|DIV\/0!|NUM!|NULL!)$/;

export class FakeExcel {
  syncs = 0;
  runs = 0;
  readonly sheets: FakeSheet[] = [];
  readonly names: { name: string; formula: string }[] = [];
  readonly created: string[] = [];
  /** Every zoom the adapter set, in order: "评分 {\"horizontalFitToPages\":1}". */
  readonly zoomWrites: string[] = [];
  /** Cell writes in the order the adapter queued them: "评分!A1:M40 numberFormat". */
  readonly ops: string[] = [];
  active = 0;
  /** Makes the sync with this number (1-based, counted over the fake's life) fail after its operations ran. */
  failSync: ((n: number) => boolean) | null = null;
  /** The options of every Excel.run, in order. */
  readonly runOptions: (Excel.RunOptions | undefined)[] = [];
  /** While above 0, each sync fails as Excel does in cell-edit mode (InvalidOperationInCellEditMode), counting down. */
  cellEditRefusals = 0;
  /**
   * Behaves like the hosts of OfficeDev/office-js#1860: a fit-to-pages zoom set from the add-in is not applied
   * (`true`: never; a number: the first n times), while a percentage scale is.
   */
  ignoreFitToPages: boolean | number = false;
  /** Office.addin.onVisibilityModeChanged handlers (shared runtime). */
  readonly visibilityHandlers: ((mode: string) => void)[] = [];
  private readonly mocks: Mock[] = [];
  private context: Mock | null = null;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const n of sheetNames) this.addSheet(n);
  }

  private track<T extends Mock>(m: T): T {
    this.mocks.push(m);
    return m;
  }

  private mock(data: Record<string, unknown>): Mock {
    return this.track(new OfficeMockObject(data) as Mock);
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`fake: no sheet ${name}`);
    return s;
  }

  /** A collection with office-addin-mock items: load("items/name,items/formula") loads those props of each item. */
  private collection(items: () => Mock[], methods: Record<string, unknown>): Mock {
    const fake = this; // eslint-disable-line @typescript-eslint/no-this-alias
    const col = this.mock({ ...methods });
    col.load = function (arg: string) {
      const props = String(arg)
        .split(",")
        .map((p) => p.trim().replace(/^items\//, ""));
      const list = items();
      for (const item of list) item.load(props);
      this.items = list;
      void fake;
      return this;
    };
    return col;
  }

  addSheet(name: string): FakeSheet {
    const fake = this; // eslint-disable-line @typescript-eslint/no-this-alias
    const record: FakeSheet = {
      name,
      mock: null as unknown as Mock,
      cells: new Map(),
      ranges: [],
      names: [],
      protectCalls: [],
      unprotectCalls: 0,
      unprotectPasswords: [],
      pageBreaks: [],
      activated: 0,
      handlers: [],
    };
    const range = (address: string): Mock => {
      const borders: Record<string, Mock> = {};
      const cfs: Mock[] = [];
      const m = fake.mock({
        format: { font: { name: "" }, fill: { color: "" }, protection: { locked: true } },
        dataValidation: { ignoreBlanks: true },
        conditionalFormats: {
          add(type: string) {
            const cf = fake.mock({
              custom: { rule: { formula: "" }, format: { fill: { color: "" }, font: { color: "" } } },
            });
            cf.addedAs = type;
            cfs.push(cf);
            return cf;
          },
        },
        merge() {
          rec.merged = true;
        },
        select() {
          rec.selected = true;
        },
      });
      (m.format as Mock).borders = {
        getItem(edge: string) {
          return (borders[edge] ??= fake.mock({ style: "None" }));
        },
      };
      // Reading a range's values or formulas (a partial read): what the cell store holds (not checked for a sync).
      m.load = () => m;
      // Writes go through to the cell store.
      let numberFormat: unknown;
      Object.defineProperty(m, "numberFormat", {
        get: () => numberFormat,
        set: (v) => {
          fake.ops.push(`${name}!${address} numberFormat`);
          numberFormat = v;
        },
        configurable: true,
      });
      Object.defineProperty(m, "values", {
        get: () => rec.values ?? fake.grid(record, address).values,
        set: (v) => {
          rec.values = v;
          fake.store(record, address, v, "values");
        },
        configurable: true,
      });
      Object.defineProperty(m, "formulas", {
        get: () => rec.formulasWritten ?? fake.grid(record, address).formulas,
        set: (v) => {
          rec.formulasWritten = v;
          fake.store(record, address, v, "formulas");
        },
        configurable: true,
      });
      const rec: RangeRecord & { values?: unknown; formulasWritten?: unknown } = {
        sheet: name,
        address,
        mock: m,
        borders,
        conditionalFormats: cfs,
      };
      record.ranges.push(rec);
      return m;
    };
    const ws = this.mock({
      name,
      visibility: "Visible",
      protection: {
        protected: false,
        protect(options: unknown, password?: string) {
          record.protectCalls.push({ options, password });
          record.protectedWith = password ?? null;
        },
        unprotect(password?: string) {
          record.unprotectCalls++;
          record.unprotectPasswords.push(password);
          // Excel refuses a missing or wrong password (the fake at once; Excel at the next sync).
          if (record.protectedWith && password !== record.protectedWith)
            throw new Error("fake Excel: the password is not correct (InvalidArgument)");
          record.protectedWith = undefined;
        },
      },
      freezePanes: {
        freezeAt(range: string) {
          record.frozenAt = range;
        },
      },
      pageLayout: {
        headersFooters: { defaultForAllPages: { centerFooter: "" } },
        setPrintArea(a: string) {
          record.printArea = a;
        },
        setPrintTitleRows(r: string) {
          record.printTitleRows = r;
        },
      },
      horizontalPageBreaks: {
        add(ref: string) {
          record.pageBreaks.push(ref);
        },
      },
      onChanged: {
        add(handler: () => Promise<unknown>) {
          record.handlers.push(handler);
          return {
            context: fake.context,
            remove() {
              record.handlers.splice(record.handlers.indexOf(handler), 1);
            },
          };
        },
      },
      getRange(address: string) {
        return range(address);
      },
      // ExcelApi 1.9: several areas in one object; the fake keeps it as one record under the comma-joined address.
      getRanges(address: string) {
        return range(address.replace(/\s+/g, ""));
      },
      getRangeByIndexes(row: number, col: number, rows: number, cols: number) {
        return range(`${colLetter(col + 1)}${row + 1}:${colLetter(col + cols)}${row + rows}`);
      },
      delete() {
        fake.sheets.splice(fake.sheets.indexOf(record), 1);
        fake.active = Math.min(fake.active, fake.sheets.length - 1);
      },
      activate() {
        record.activated++;
        fake.active = fake.sheets.indexOf(record);
      },
      getUsedRangeOrNullObject() {
        return fake.usedRange(record);
      },
    });
    ws.names = this.collection(() => record.names.map((n) => this.mock({ name: n.name, formula: n.formula })), {
      add(n: string, formula: string) {
        record.names.push({ name: n, formula });
      },
    });
    // The print zoom as Excel keeps it: what was set, unless the host ignores a fit-to-pages zoom (ignoreFitToPages).
    let zoom: unknown = undefined;
    Object.defineProperty(ws.pageLayout, "zoom", {
      get: () => zoom,
      set: (v: { scale?: number }) => {
        fake.zoomWrites.push(`${name} ${JSON.stringify(v)}${record.printArea ? "" : " before the print area"}`);
        const ignore = fake.ignoreFitToPages;
        if (v.scale === undefined && (ignore === true || (typeof ignore === "number" && ignore > 0))) {
          if (typeof ignore === "number") fake.ignoreFitToPages = ignore - 1;
          return;
        }
        zoom = v;
      },
      configurable: true,
    });
    (ws.pageLayout as Mock).load = () => ws.pageLayout;
    // protection.protected reads the sheet's state (loaded or not: the adapter loads it first anyway).
    Object.defineProperty(ws.protection, "protected", {
      get: () => record.protectedWith !== undefined,
      set: () => undefined,
      configurable: true,
    });
    record.mock = ws;
    this.sheets.push(record);
    return record;
  }

  private store(sheet: FakeSheet, address: string, data: unknown, kind: "values" | "formulas"): void {
    this.ops.push(`${sheet.name}!${address} ${kind}`);
    const [a] = address.split(":");
    const { col, row } = parseCellRef(a);
    const left = colIndex(col);
    (data as unknown[][]).forEach((line, i) =>
      line.forEach((v, j) => {
        if (v === null) return; // null leaves the cell alone
        const ref = `${colLetter(left + j)}${row + i}`;
        if (kind === "formulas" && typeof v === "string" && v.startsWith("="))
          sheet.cells.set(ref, { value: null, formula: v });
        else if (typeof v === "string" && v.startsWith("'")) sheet.cells.set(ref, { value: v.slice(1) });
        else sheet.cells.set(ref, { value: v === "" ? null : (v as CellValue) });
      }),
    );
  }

  /** What Excel answers for a range's values and formulas (read through getRange(address).load). */
  grid(sheet: FakeSheet, address: string): { values?: unknown[][]; formulas?: unknown[][] } {
    const [a, b = a] = address.replace(/^.*!/, "").split(":");
    const cell = /^\$?[A-Z]+\$?\d+$/i;
    if (!cell.test(a) || !cell.test(b)) return {}; // whole columns or rows ("A:A", "2:2"): never read
    const p = parseCellRef(a);
    const q = parseCellRef(b);
    const values: unknown[][] = [];
    const formulas: unknown[][] = [];
    for (let r = p.row; r <= q.row; r++) {
      const vl: unknown[] = [];
      const fl: unknown[] = [];
      for (let c = colIndex(p.col); c <= colIndex(q.col); c++) {
        const cell = sheet.cells.get(`${colLetter(c)}${r}`);
        const v = cell?.value ?? "";
        const shown = v !== null && typeof v === "object" && "error" in v ? v.error : v;
        vl.push(shown);
        fl.push(cell?.formula ?? shown);
      }
      values.push(vl);
      formulas.push(fl);
    }
    return { values, formulas };
  }

  private usedRange(sheet: FakeSheet): Mock {
    const refs = [...sheet.cells.keys()];
    if (!refs.length) {
      const m = this.mock({ address: "", values: [], formulas: [] });
      m.isNullObject = true;
      return m;
    }
    let top = Infinity;
    let left = Infinity;
    let bottom = 0;
    let right = 0;
    for (const ref of refs) {
      const { col, row } = parseCellRef(ref);
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      left = Math.min(left, colIndex(col));
      right = Math.max(right, colIndex(col));
    }
    const values: unknown[][] = [];
    const formulas: unknown[][] = [];
    for (let r = top; r <= bottom; r++) {
      const vl: unknown[] = [];
      const fl: unknown[] = [];
      for (let c = left; c <= right; c++) {
        const cell = sheet.cells.get(`${colLetter(c)}${r}`);
        const v = cell?.value ?? "";
        const shown = v !== null && typeof v === "object" && "error" in v ? v.error : v;
        vl.push(shown);
        fl.push(cell?.formula ?? shown);
      }
      values.push(vl);
      formulas.push(fl);
    }
    const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
    const m = this.mock({
      address: `${quoted}!${colLetter(left)}${top}:${colLetter(right)}${bottom}`,
      values,
      formulas,
    });
    m.isNullObject = false;
    return m;
  }

  /** Sets a cell as Excel holds it: a constant, or a formula (with "=") and the result Excel shows. */
  setCell(sheet: string, ref: string, cell: FakeCell): void {
    const value = typeof cell.value === "string" && EXCEL_ERRORS.test(cell.value) ? { error: cell.value } : cell.value;
    this.sheet(sheet).cells.set(ref, { ...cell, value });
  }

  private buildContext(): Mock {
    const fake = this; // eslint-disable-line @typescript-eslint/no-this-alias
    const worksheets = this.collection(() => this.sheets.map((s) => s.mock), {
      add(name: string) {
        if (fake.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
          throw new Error(`fake Excel: a sheet named ${name} exists (ItemAlreadyExists)`);
        return fake.addSheet(name).mock;
      },
      getItem(name: string) {
        return fake.sheet(name).mock;
      },
      getActiveWorksheet() {
        return fake.sheets[fake.active].mock;
      },
    });
    const names = this.collection(
      () =>
        this.names.map((n) =>
          this.mock({
            name: n.name,
            formula: n.formula,
            delete() {
              fake.names.splice(fake.names.indexOf(n), 1);
            },
          }),
        ),
      {
        add(name: string, formula: string) {
          if (fake.names.some((n) => n.name.toLowerCase() === name.toLowerCase()))
            throw new Error(`fake Excel: the name ${name} exists`);
          fake.names.push({ name, formula });
        },
      },
    );
    const ctx = this.mock({ workbook: {} });
    (ctx.workbook as Mock).worksheets = worksheets;
    (ctx.workbook as Mock).names = names;
    ctx.sync = async () => {
      if (fake.cellEditRefusals > 0) {
        fake.cellEditRefusals--;
        throw Object.assign(new Error("Excel is in cell-editing mode. (fake)"), {
          code: "InvalidOperationInCellEditMode",
        });
      }
      fake.syncs++;
      for (const m of [...fake.mocks]) await OfficeMockObject.prototype.sync.call(m);
      await new Promise((r) => setTimeout(r, 0));
      if (fake.failSync?.(fake.syncs)) throw new Error(`fake Excel: sync ${fake.syncs} failed (GeneralException)`);
    };
    return ctx;
  }

  /** The OfficeApi the adapter is given: Excel.run over a fresh mock context each time. */
  api(sets: Record<string, boolean> = {}): OfficeApi {
    const fake = this; // eslint-disable-line @typescript-eslint/no-this-alias
    const supported = (name: string, version: string) => sets[`${name} ${version}`] ?? true;
    return {
      async run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>, options?: Excel.RunOptions): Promise<T> {
        fake.runs++;
        fake.runOptions.push(options);
        fake.context = fake.buildContext();
        return batch(fake.context as unknown as Excel.RequestContext);
      },
      async runIn<T>(_ctx: unknown, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
        fake.runs++;
        fake.context = fake.buildContext();
        return batch(fake.context as unknown as Excel.RequestContext);
      },
      async createWorkbook(base64: string) {
        fake.created.push(base64);
      },
      isSetSupported: supported,
      async onVisibilityModeChanged(handler: (mode: string) => void) {
        fake.visibilityHandlers.push(handler);
        return async () => void fake.visibilityHandlers.splice(fake.visibilityHandlers.indexOf(handler), 1);
      },
    };
  }

  /** The reviewer closes ("Hidden") or opens ("Taskpane") the pane. */
  setVisibility(mode: "Hidden" | "Taskpane"): void {
    for (const h of [...this.visibilityHandlers]) h(mode);
  }

  /** The reviewer edits a cell of a sheet: Excel raises the sheet's onChanged event. */
  async edit(sheet: string): Promise<void> {
    await Promise.all(this.sheet(sheet).handlers.map((h) => h()));
  }

  /** Every range (or multi-area range) the adapter asked for on a sheet that holds the cell. */
  rangesCovering(sheet: string, ref: string): RangeRecord[] {
    const { col, row } = parseCellRef(ref);
    const c = colIndex(col);
    return this.sheet(sheet).ranges.filter((r) =>
      r.address.split(",").some((area) => {
        const [a, b = a] = area.split(":");
        if (!/\d/.test(a) || !/^[A-Z]/i.test(a)) return false; // whole rows or columns
        const p = parseCellRef(a);
        const q = parseCellRef(b);
        return row >= p.row && row <= q.row && c >= colIndex(p.col) && c <= colIndex(q.col);
      }),
    );
  }

  /** Every range the adapter asked for on a sheet, by address. */
  rangesAt(sheet: string, address: string): RangeRecord[] {
    return this.sheet(sheet).ranges.filter((r) => r.address === address);
  }
}
