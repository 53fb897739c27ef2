/// <reference types="office-js" />
// The Office.js WorkbookHost: the only code (with render.ts and env.ts) that talks to Excel. Each method is one
// Excel.run; round trips (context.sync) are what make an add-in slow on Excel on the web, so:
//   listSheets 1 · read 1 (a whole check = listSheets + read = 2) · writeLayout 2 (names, then everything) ·
//   select 1 · protect 1 · onChange 1.
// Excel on the web refuses a request or response over 5 MB: a large write (a summary) is sent in parts of at most
// 3 MB by render.ts's size accounting, and a read of more than one scoring set in parts of at most 20,000 cells
// (fewer when the cells measured larger), after one request for the used ranges' addresses.
// Optional requirement sets are checked at run time (Office.context.requirements.isSetSupported).
// Every batch runs with `delayForCellEdit`: while the reviewer types in a cell, Excel holds the batch until the edit
// ends instead of failing it. Where Excel still answers InvalidOperationInCellEditMode, a read is retried quietly
// a few times and then reported as CellEditModeError, which the pane never shows as an alert.
import { cellString } from "../core/names";
import { topLeftOf } from "../host/ranges";
import {
  CellEditModeError,
  HostUnsupportedError,
  SheetExistsError,
  SheetPasswordError,
  WriteFailedError,
  type HostCapabilities,
  type HostSource,
  type ProtectRequest,
  type SheetListing,
  type WorkbookHost,
  type WriteOptions,
} from "../host/types";
import { colLetter } from "../workbook/a1";
import { MemorySource, type CellValue, type MemoryCell } from "../workbook/source";
import type { RenderableLayout } from "../workbook/types";
import { jsonBytes, protectSheet, queueLayout, type RenderFeatures } from "./render";

/** What the host needs from Office.js; `officeApi()` gives the real one, tests a mock. */
export interface OfficeApi {
  /** Excel.run, with options when given (the host always gives `{ delayForCellEdit: true }`). */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: Excel.RunOptions): Promise<T>;
  /** Excel.run on an existing request context (removing event handlers). */
  runIn?<T>(
    context: OfficeExtension.ClientRequestContext,
    batch: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T>;
  createWorkbook?(base64: string): Promise<void>;
  isSetSupported(name: string, version: string): boolean;
  /**
   * Office.addin.onVisibilityModeChanged (SharedRuntime 1.1): "Hidden" when the reviewer closes the pane, "Taskpane"
   * when it is shown; resolves to a function that removes the handler.
   */
  onVisibilityModeChanged?(handler: (mode: string) => void): Promise<() => Promise<void>>;
}

export function officeApi(): OfficeApi {
  const addin = (Office as unknown as { addin?: Partial<typeof Office.addin> }).addin;
  return {
    run: (batch, options) => (options ? Excel.run(options, batch) : Excel.run(batch)),
    runIn: (context, batch) => Excel.run(context, batch),
    createWorkbook: (base64) => Excel.createWorkbook(base64),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    onVisibilityModeChanged:
      typeof addin?.onVisibilityModeChanged === "function"
        ? (handler) => addin.onVisibilityModeChanged!((m) => handler(String(m.visibilityMode)))
        : undefined,
  };
}

/** Every batch: wait for the reviewer's cell edit to end rather than fail (Excel.RunOptions). */
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

/** Waits between quiet retries of a read refused in cell-edit mode (ms). */
export const CELL_EDIT_RETRY_MS: readonly number[] = [250, 1000, 2500];

/** Sheets read in one request (one scoring set: 封面, 评分, 否决, 加分, 评分指南, 元数据). */
export const READ_AT_ONCE = 6;
/** Cells a partial read asks for at most, and the response size it aims under (Excel on the web: 5 MB). */
export const READ_CELLS = 20_000;
export const READ_BUDGET = 2.5 * 1024 * 1024;

/** A used range ("A1:M40") as blocks of whole rows of at most `cells` cells each. */
export function rowBlocksOf(
  sheet: string,
  address: string,
  cells: number,
): { sheet: string; address: string; cells: number }[] {
  const [a, b = a] = address.split(":");
  const m1 = /^([A-Z]+)(\d+)$/.exec(a.replace(/\$/g, ""))!;
  const m2 = /^([A-Z]+)(\d+)$/.exec(b.replace(/\$/g, ""))!;
  const top = Number(m1[2]);
  const bottom = Number(m2[2]);
  const width = colNumber(m2[1]) - colNumber(m1[1]) + 1;
  const rows = Math.max(1, Math.floor(cells / width));
  const out: { sheet: string; address: string; cells: number }[] = [];
  for (let r = top; r <= bottom; r += rows) {
    const last = Math.min(bottom, r + rows - 1);
    out.push({ sheet, address: `${m1[1]}${r}:${m2[1]}${last}`, cells: (last - r + 1) * width });
  }
  return out;
}

function colNumber(col: string): number {
  let n = 0;
  for (const ch of col) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Excel's answer while a cell is being edited (OfficeExtension.Error code). */
export function isCellEditError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "InvalidOperationInCellEditMode";
}

/** The oldest ExcelApi the renderer works with: data validation (1.8) and everything before it. */
export const MIN_EXCEL_API = "1.8";

export class OfficeWorkbookHost implements WorkbookHost {
  readonly label = "Excel";
  readonly capabilities: HostCapabilities;
  private readonly features: RenderFeatures;

  constructor(
    private readonly api: OfficeApi,
    private readonly retryMs: readonly number[] = CELL_EDIT_RETRY_MS,
  ) {
    const ok = api.isSetSupported("ExcelApi", MIN_EXCEL_API);
    this.capabilities = {
      currentWorkbook: ok,
      newWorkbook: ok && typeof api.createWorkbook === "function",
      liveEvents: api.isSetSupported("ExcelApi", "1.7"),
    };
    this.features = {
      pageLayout: api.isSetSupported("ExcelApi", "1.9"),
      rangeAreas: api.isSetSupported("ExcelApi", "1.9"),
      checkFit: true,
      charts: api.isSetSupported("ExcelApi", "1.7"),
    };
  }

  private run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.api.run(batch, RUN_OPTIONS);
  }

  /** A batch that only reads: retried quietly while Excel refuses it in cell-edit mode. */
  private async readQuietly<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.run(batch);
      } catch (e) {
        if (!isCellEditError(e)) throw e;
        if (attempt >= this.retryMs.length) throw new CellEditModeError(e);
        await new Promise((resolve) => setTimeout(resolve, this.retryMs[attempt]));
      }
    }
  }

  /** Reading used ranges and sheet-scoped names needs ExcelApi 1.4 (above the pane-only manifest's 1.1). */
  private needRead(what: string): void {
    if (!this.api.isSetSupported("ExcelApi", "1.4")) throw new HostUnsupportedError(what, "ExcelApi 1.4");
  }

  async listSheets(): Promise<SheetListing> {
    this.needRead("listSheets");
    return this.readQuietly(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      const active = sheets.getActiveWorksheet();
      active.load("name");
      await ctx.sync();
      return { names: sheets.items.map((s) => s.name), active: active.name };
    });
  }

  async writeLayout(layout: RenderableLayout, options: WriteOptions = {}): Promise<void> {
    if (!this.capabilities.currentWorkbook) throw new HostUnsupportedError("writeLayout", `ExcelApi ${MIN_EXCEL_API}`);
    await this.run(async (ctx) => {
      const wb = ctx.workbook;
      wb.worksheets.load("items/name");
      wb.names.load("items/name");
      await ctx.sync();
      const taken = new Set(wb.worksheets.items.map((s) => s.name.toLowerCase()));
      const clash = layout.sheets.map((s) => s.name).filter((n) => taken.has(n.toLowerCase()));
      if (clash.length) throw new SheetExistsError(clash);
      const namesBefore = new Set(wb.names.items.map((n) => n.name.toLowerCase()));
      try {
        await queueLayout(ctx, layout, namesBefore, this.features, options.activate);
        await ctx.sync();
      } catch (e) {
        // Batches are not transactional: what was queued before the failing operation has run. Remove the sheets
        // and names this call added (none existed before: checked above), so that a retry does not stop on "exists".
        throw await this.undoWrite(ctx, layout, namesBefore, e);
      }
    });
  }

  private async undoWrite(
    ctx: Excel.RequestContext,
    layout: RenderableLayout,
    namesBefore: ReadonlySet<string>,
    cause: unknown,
  ): Promise<WriteFailedError> {
    const wb = ctx.workbook;
    try {
      wb.worksheets.load("items/name");
      wb.names.load("items/name");
      await ctx.sync();
      const ours = new Set(layout.sheets.map((s) => s.name.toLowerCase()));
      for (const n of wb.names.items) if (!namesBefore.has(n.name.toLowerCase())) n.delete();
      for (const ws of wb.worksheets.items)
        if (ours.has(ws.name.toLowerCase())) {
          // A (very) hidden or protected sheet cannot always be deleted as it is.
          ws.protection.unprotect(layout.sheets.find((s) => s.name === ws.name)?.protection?.password);
          ws.visibility = "Visible";
          ws.delete();
        }
      await ctx.sync();
      wb.worksheets.load("items/name");
      await ctx.sync();
      const left = wb.worksheets.items.map((w) => w.name).filter((n) => ours.has(n.toLowerCase()));
      return new WriteFailedError(cause, left.length === 0, left);
    } catch {
      return new WriteFailedError(
        cause,
        false,
        layout.sheets.map((s) => s.name),
      );
    }
  }

  async openWorkbook(base64: string): Promise<void> {
    if (!this.capabilities.newWorkbook || !this.api.createWorkbook)
      throw new HostUnsupportedError("openWorkbook", "ExcelApi 1.8");
    await this.api.createWorkbook(base64);
  }

  /**
   * Reads the sheets' cells and names. One scoring set (up to READ_AT_ONCE sheets) is one request. More — every set
   * of a workbook for the summary — is read in parts so that no response passes Excel on the web's 5 MB: first the
   * used ranges' addresses, then blocks of whole sheets (or of rows of a large sheet) of at most READ_CELLS cells,
   * fewer when the responses so far measured more than READ_BUDGET / READ_CELLS bytes a cell.
   */
  async read(sheetNames: string[]): Promise<HostSource> {
    this.needRead("read");
    if (sheetNames.length <= READ_AT_ONCE) return this.readAtOnce(sheetNames);
    const plan = await this.readQuietly(async (ctx) => {
      const wb = ctx.workbook;
      wb.names.load("items/name,items/formula");
      const parts = sheetNames.map((name) => {
        const ws = wb.worksheets.getItem(name);
        const used = ws.getUsedRangeOrNullObject();
        used.load("address");
        ws.names.load("items/name,items/formula");
        return { name, used, names: ws.names };
      });
      await ctx.sync();
      return {
        names: Object.fromEntries(wb.names.items.map((n) => [n.name, refersTo(n)])),
        sheets: parts.map((p) => ({
          name: p.name,
          address: p.used.isNullObject ? null : p.used.address.replace(/^.*!/, ""),
          scoped: Object.fromEntries(p.names.items.map((n) => [n.name, refersTo(n)])),
        })),
      };
    });
    const sheets: Record<string, Record<string, MemoryCell>> = Object.fromEntries(sheetNames.map((n) => [n, {}]));
    const blocks = plan.sheets.flatMap((p) => (p.address ? rowBlocksOf(p.name, p.address, READ_CELLS) : []));
    let bytesPerCell = READ_BUDGET / READ_CELLS;
    for (let i = 0; i < blocks.length;) {
      const room = Math.max(1, Math.floor(Math.min(READ_CELLS, READ_BUDGET / bytesPerCell)));
      const group = [blocks[i]];
      let cells = blocks[i].cells;
      while (i + group.length < blocks.length && cells + blocks[i + group.length].cells <= room) {
        cells += blocks[i + group.length].cells;
        group.push(blocks[i + group.length]);
      }
      i += group.length;
      const read = await this.readQuietly(async (ctx) => {
        const ranges = group.map((b) => {
          const r = ctx.workbook.worksheets.getItem(b.sheet).getRange(b.address);
          r.load("values,formulas");
          return { b, r };
        });
        await ctx.sync();
        return ranges.map(({ b, r }) => ({ b, values: r.values as unknown[][], formulas: r.formulas as unknown[][] }));
      });
      let bytes = 0;
      for (const { b, values, formulas } of read) {
        Object.assign(sheets[b.sheet], cellsFrom(b.address, values, formulas));
        bytes += jsonBytes(values) + jsonBytes(formulas);
      }
      this.readResponses.push(bytes);
      bytesPerCell = Math.max(bytesPerCell, bytes / Math.max(1, cells));
    }
    const source = new MemorySource(this.label, sheets, plan.names) as MemorySource & HostSource;
    const scoped = Object.fromEntries(plan.sheets.map((p) => [p.name, p.scoped]));
    source.scopedNames = (sheet: string) => scoped[sheet] ?? {};
    return source;
  }

  /** Estimated size of each partial read's response (values and formulas as JSON), for tests and benchmarks. */
  readonly readResponses: number[] = [];

  private async readAtOnce(sheetNames: string[]): Promise<HostSource> {
    return this.readQuietly(async (ctx) => {
      const wb = ctx.workbook;
      wb.names.load("items/name,items/formula");
      const parts = sheetNames.map((name) => {
        const ws = wb.worksheets.getItem(name);
        const used = ws.getUsedRangeOrNullObject();
        used.load("address,values,formulas");
        ws.names.load("items/name,items/formula");
        return { name, used, names: ws.names };
      });
      await ctx.sync();
      const sheets: Record<string, Record<string, MemoryCell>> = {};
      const scoped: Record<string, Record<string, string>> = {};
      for (const p of parts) {
        sheets[p.name] = p.used.isNullObject ? {} : cellsFrom(p.used.address, p.used.values, p.used.formulas);
        scoped[p.name] = Object.fromEntries(p.names.items.map((n) => [n.name, refersTo(n)]));
      }
      const names = Object.fromEntries(wb.names.items.map((n) => [n.name, refersTo(n)]));
      const source = new MemorySource(this.label, sheets, names) as MemorySource & HostSource;
      source.scopedNames = (sheet: string) => scoped[sheet] ?? {};
      return source;
    });
  }

  async select(sheet: string, ref: string): Promise<void> {
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(ref).select();
      await ctx.sync();
    });
  }

  /**
   * Locks and protects. A sheet that is protected now is unprotected first, with the password given for it; a sheet
   * protected without a password given is refused before anything changes, and a wrong password is found in a round
   * trip of its own (the sheets already unprotected are protected again), so the workbook is never left half done.
   */
  async protect(requests: ProtectRequest[]): Promise<void> {
    // Protection is ExcelApi 1.2; with a password, 1.7.
    if (!this.api.isSetSupported("ExcelApi", "1.2")) throw new HostUnsupportedError("protect", "ExcelApi 1.2");
    const password = requests.some((r) => r.currentPassword || r.protection.password);
    if (password && !this.api.isSetSupported("ExcelApi", "1.7"))
      throw new HostUnsupportedError("protect", "ExcelApi 1.7");
    await this.run(async (ctx) => {
      const sheets = requests.map((r) => {
        const ws = ctx.workbook.worksheets.getItem(r.sheet);
        ws.protection.load("protected");
        return { r, ws };
      });
      await ctx.sync();
      const locked = sheets.filter((x) => x.ws.protection.protected);
      const noPassword = locked.filter((x) => !x.r.currentPassword);
      if (noPassword.length) {
        // Protected without a password unprotects with none; with one, Excel would refuse: try, then report.
        try {
          for (const x of noPassword) x.ws.protection.unprotect();
          await ctx.sync();
        } catch {
          throw new SheetPasswordError(
            noPassword.map((x) => x.r.sheet),
            false,
          );
        }
      }
      const withPassword = locked.filter((x) => x.r.currentPassword);
      // office-js#762: unprotect(password) on a sheet protected without a password makes Excel drop the password of
      // every later protect(…, password) on it. So each is first unprotected without one (a round trip each: a
      // refusal stops its batch); only a sheet that refuses gets the password.
      const hadNone = new Set<string>();
      const needPassword: typeof withPassword = [];
      for (const x of withPassword) {
        try {
          x.ws.protection.unprotect();
          await ctx.sync();
          hadNone.add(x.r.sheet);
        } catch {
          needPassword.push(x);
        }
      }
      // Protected again as it was: with the reviewer's password where it had one, else as the layout says.
      const again = (x: (typeof sheets)[number]) =>
        x.r.currentPassword && !hadNone.has(x.r.sheet)
          ? { ...x.r.protection, password: x.r.currentPassword }
          : hadNone.has(x.r.sheet)
            ? { ...x.r.protection, password: undefined }
            : x.r.protection;
      if (needPassword.length) {
        try {
          for (const x of needPassword) x.ws.protection.unprotect(x.r.currentPassword);
          await ctx.sync();
        } catch {
          for (const x of sheets) x.ws.protection.load("protected");
          await ctx.sync();
          for (const x of locked) if (!x.ws.protection.protected) protectSheet(x.ws, again(x));
          await ctx.sync();
          throw new SheetPasswordError(
            needPassword.map((x) => x.r.sheet),
            true,
          );
        }
      }
      for (const x of sheets) {
        for (const range of x.r.lock) x.ws.getRange(range).format.protection.locked = true;
        protectSheet(x.ws, hadNone.has(x.r.sheet) ? x.r.protection : again(x));
      }
      await ctx.sync();
    });
  }

  async onChange(sheetNames: string[], listener: () => void): Promise<() => void> {
    if (!this.capabilities.liveEvents) return () => undefined;
    const handlers = await this.readQuietly(async (ctx) => {
      const results = sheetNames.map((name) =>
        ctx.workbook.worksheets.getItem(name).onChanged.add(() => {
          listener();
          return Promise.resolve(); // Office.js wants a promise from every event handler
        }),
      );
      await ctx.sync();
      return results;
    });
    return () => {
      const first = handlers[0];
      if (!first || !this.api.runIn) return;
      void this.api
        .runIn(first.context, async (ctx) => {
          for (const h of handlers) h.remove();
          await ctx.sync();
        })
        .catch(() => undefined);
    };
  }

  /** Office.addin.onVisibilityModeChanged, where the shared runtime offers it; elsewhere the pane is never hidden alive. */
  async onVisibility(listener: (visible: boolean) => void): Promise<() => void> {
    if (!this.api.onVisibilityModeChanged || !this.api.isSetSupported("SharedRuntime", "1.1")) return () => undefined;
    const remove = await this.api.onVisibilityModeChanged((mode) => listener(mode !== "Hidden"));
    return () => void remove().catch(() => undefined);
  }
}

/** The cells of a used range: constants as values, formula cells with their formula (no "=") and result. */
export function cellsFrom(address: string, values: unknown[][], formulas: unknown[][]): Record<string, MemoryCell> {
  const { row: top, col: left } = topLeftOf(address);
  const cells: Record<string, MemoryCell> = {};
  values.forEach((line, i) =>
    line.forEach((v, j) => {
      const f = formulas[i]?.[j];
      const ref = `${colLetter(left + j)}${top + i}`;
      const value = toCellValue(v);
      if (typeof f === "string" && f.startsWith("=")) cells[ref] = { value, formula: f.slice(1) };
      else if (value !== null) cells[ref] = { value };
    }),
  );
  return cells;
}

/** What a defined name refers to, without its "=" (Office.js types NamedItem.formula as any; it holds the text). */
function refersTo(n: Excel.NamedItem): string {
  const f: unknown = n.formula;
  return cellString(f).replace(/^=/, "");
}

function toCellValue(v: unknown): CellValue {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  const s = cellString(v);
  return /^#(N\/A|VALUE!|REF!|NAME\?|DIV\/0!|NUM!|NULL!|CALC!|SPILL!|BUSY!|GETTING_DATA|CONNECT!|BLOCKED!|UNKNOWN!|FIELD!)$/.test(
    s,
  )
    ? { error: s }
    : s;
}
