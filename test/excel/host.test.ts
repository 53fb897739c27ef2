// The Office.js WorkbookHost against a fake Excel made of office-addin-mock objects: the calls it makes (values,
// formulas, number formats, styles, names, validations, conditional formats, protection, print setup) and the number
// of context.sync() round trips: generating and checking take at most two each, whatever the rubric's size.
import { OfficeMockObject } from "office-addin-mock";
import { library, vetoAnswerFor, type RubricBundle } from "../../src/core";
import { OfficeWorkbookHost, cellsFrom } from "../../src/excel/host";
import { fitScale, widthPoints } from "../../src/excel/render";
import { MemoryWorkbook } from "../../src/host/memory";
import { renameLayout } from "../../src/host/sets";
import { HostUnsupportedError, SheetExistsError, SheetPasswordError, WriteFailedError } from "../../src/host/types";
import { checkWorkbook, finishWorkbook } from "../../src/taskpane/flows";
import { buildLayout, SHEET, type WorkbookLayout, type WorkbookMeta } from "../../src/workbook";
import { FakeExcel, type RangeRecord } from "./fake-excel";
import { until } from "../helpers/until";

const lib = library();
const meta: WorkbookMeta = {
  applicant: "河北某某科技股份有限公司",
  expert: "李四",
  stage: "material",
  mode: "native",
  createdAt: "2025-06-01T08:00:00.000Z",
};
const bundle = (id: string): RubricBundle => lib.get(id)!;
const layoutOf = (id: string, over: Partial<WorkbookMeta> = {}): WorkbookLayout =>
  buildLayout(bundle(id), { ...meta, ...over });

async function generated(id: string, fake = new FakeExcel()) {
  const layout = layoutOf(id);
  const host = new OfficeWorkbookHost(fake.api());
  await host.writeLayout(layout);
  return { fake, host, layout };
}

describe("office-addin-mock fake", () => {
  it("enforces load → sync → read, as Office.js does", async () => {
    const fake = new FakeExcel(["Sheet1"]);
    await fake.api().run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      expect(sheets.items[0].name).toBe("Error, context.sync() was not called");
      await ctx.sync();
      expect(sheets.items[0].name).toBe("Sheet1");
    });
    const notLoaded = new OfficeMockObject({ name: "x" }) as unknown as { name: string };
    expect(notLoaded.name).toBe("Error, property was not loaded");
  });
});

describe("OfficeWorkbookHost.writeLayout", () => {
  it.each(lib.rubrics.map((r) => r.id))("renders %s in one Excel.run with three context.sync() calls", async (id) => {
    const { fake, layout } = await generated(id);
    expect(fake.runs).toBe(1);
    // The sheet names; the content with the print zoom read back (ensureFit); names and protection.
    expect(fake.syncs).toBe(3);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", ...layout.sheets.map((s) => s.name)]);
  });

  it("writes every constant and formula of the layout (en-US, with =), number formats before values", async () => {
    const { fake, layout } = await generated("hebei-organization");
    for (const s of layout.sheets) {
      const cells = fake.sheet(s.name).cells;
      for (const c of s.cells) {
        if (c.formula !== undefined) expect([c.ref, cells.get(c.ref)?.formula]).toEqual([c.ref, `=${c.formula}`]);
        // "" (a styled empty cell) is written as "", which leaves the cell empty.
        else if (c.value !== null && c.value !== undefined)
          expect([c.ref, cells.get(c.ref)?.value]).toEqual([c.ref, c.value === "" ? null : c.value]);
      }
      const ops = fake.ops.filter((o) => o.startsWith(`${s.name}!`)).map((o) => o.split(" ")[1]);
      expect(ops.indexOf("numberFormat")).toBeLessThan(ops.indexOf("values"));
    }
    const scoring = fake.sheet(SHEET.scoring);
    const total = layout.map.scoring.total;
    expect(scoring.cells.get(total)?.formula).toMatch(/^=SUM\(\$H\$5:\$H\$27\)$/);
    // A cover cell: the total read from the scoring sheet.
    expect(fake.sheet(SHEET.cover).cells.get(layout.map.cover.total)?.formula).toBe(
      `='评分'!$${total.replace(/(\d+)/, "$$$1")}`,
    );
  });

  it("keeps user text as text: an applicant named =1+1 goes into a text-formatted cell", async () => {
    const fake = new FakeExcel();
    const layout = layoutOf("hebei-organization", { applicant: "=1+1", expert: "+张三" });
    await new OfficeWorkbookHost(fake.api()).writeLayout(layout);
    const cover = fake.sheet(SHEET.cover);
    const ref = layout.map.cover.applicant;
    expect(cover.cells.get(ref)).toEqual({ value: "=1+1" });
    const block = cover.ranges.find((r) => r.mock.values !== undefined)!;
    const [a] = block.address.split(":");
    const top = Number(/\d+$/.exec(a)![0]);
    const row = Number(/\d+$/.exec(ref)![0]) - top;
    const col = ref.charCodeAt(0) - a.charCodeAt(0);
    expect((block.mock.numberFormat as string[][])[row][col]).toBe("@");
    expect((block.mock.values as unknown[][])[row][col]).toBe("=1+1");
    expect((block.mock.formulas as unknown[][])[row][col]).toBeNull();
  });

  it("styles runs of cells, unlocks the input cells, sets widths and heights", async () => {
    const { fake, layout } = await generated("hebei-organization");
    const sc = layout.map.scoring;
    const first = sc.firstItemRow;
    const last = sc.lastItemRow;
    const inputRun = fake.rangesAt(SHEET.scoring, `${sc.columns.input}${first}:${sc.columns.input}${last}`);
    expect(inputRun.some((r) => r.mock.format.protection.locked === false)).toBe(true);
    const styled = inputRun.find((r) => r.mock.format.font.bold === true)!;
    expect(styled.mock.format.horizontalAlignment).toBe("Center");
    expect(styled.borders.EdgeTop.style).toBe("Continuous");
    expect(styled.borders.InsideHorizontal.weight).toBe("Thin");
    expect(styled.mock.format.font.name).toBe("宋体");
    const guidance = fake.rangesAt(SHEET.scoring, `${sc.columns.guidance}:${sc.columns.guidance}`)[0];
    expect(guidance.mock.format.columnWidth).toBe(
      widthPoints(layout.sheets[1].columns.find((c) => c.col === sc.columns.guidance)!.width),
    );
    const hidden = fake.rangesAt(SHEET.scoring, `${sc.columns.state}:${sc.columns.state}`)[0];
    expect(hidden.mock.columnHidden).toBe(true);
    const row = layout.sheets[1].rows[0];
    expect(fake.rangesAt(SHEET.scoring, `${row.row}:${row.row}`)[0].mock.format.rowHeight).toBe(row.height);
    // Locked cells are never unlocked.
    const unlocked = fake
      .sheet(SHEET.scoring)
      .ranges.filter((r) => r.mock.format.protection.locked === false)
      .map((r) => r.address);
    expect(
      unlocked.every((a) =>
        [sc.columns.band, sc.columns.input, sc.columns.strengths, sc.columns.opportunities].includes(a[0]),
      ),
    ).toBe(true);
  });

  it("adds the validations, conditional formats (in priority order), merges, names, print setup and protection", async () => {
    const { fake, layout } = await generated("hebei-organization");
    const sc = layout.map.scoring;
    const scoring = fake.sheet(SHEET.scoring);
    const lists = scoring.ranges.filter((r) => r.mock.dataValidation.rule?.list);
    const inputList = lists.find((r) => r.address.startsWith(sc.columns.input))!;
    expect(inputList.mock.dataValidation.rule.list.source).toBe(
      Array.from({ length: 21 }, (_, i) => `${i * 5}%`).join(","),
    );
    expect(inputList.mock.dataValidation.errorAlert).toMatchObject({
      showAlert: true,
      style: "Stop",
      title: "成熟度无效",
    });
    expect(inputList.mock.dataValidation.ignoreBlanks).toBe(true);
    const date = fake.rangesAt(SHEET.cover, layout.map.cover.date).find((r) => r.mock.dataValidation.rule?.date)!;
    const iso = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);
    const dateLayout = layout.sheets[0].validations.find((v) => v.type === "date")!;
    expect(date.mock.dataValidation.rule.date).toEqual({
      formula1: iso(dateLayout.min!),
      formula2: iso(dateLayout.max!),
      operator: "Between",
    });
    expect(date.mock.dataValidation.rule.date.formula1).toBe("2000-01-01");

    const cfs = scoring.ranges.flatMap((r) => r.conditionalFormats.map((cf) => ({ address: r.address, cf })));
    const sheetLayout = layout.sheets.find((s) => s.name === SHEET.scoring)!;
    expect(cfs.map((x) => x.cf.custom.rule.formula)).toEqual(
      [...sheetLayout.conditionalFormats].sort((a, b) => a.priority - b.priority).map((f) => `=${f.formula}`),
    );
    expect(cfs.map((x) => x.cf.priority)).toEqual(cfs.map((_, i) => i));
    expect(cfs.every((x) => x.cf.addedAs === "Custom")).toBe(true);
    expect(cfs[0].cf.custom.format.fill.color).toBe("#FFC7CE");
    expect(scoring.ranges.filter((r) => r.merged).map((r) => r.address)).toEqual(sheetLayout.merges);

    expect(fake.names).toEqual(layout.names.map((n) => ({ name: n.name, formula: `='${n.sheet}'!${n.ref}` })));
    expect(fake.names.map((n) => n.name)).toEqual(
      expect.arrayContaining(["Codes", "Points", "Maturity", "Scores", "Total"]),
    );
    expect(fake.names.find((n) => n.name === "Total")!.formula).toBe(`='评分'!$H$${sc.totalRow}`);

    // Documented calls only: freezeAt with the frozen rows, no verticalFitToPages: 0.
    expect(scoring.frozenAt).toBe(`1:${sc.headerRow}`);
    expect(scoring.printArea).toBe(sheetLayout.print!.area);
    expect(scoring.printTitleRows).toBe(`$${sc.headerRow}:$${sc.headerRow}`);
    expect(scoring.mock.pageLayout.orientation).toBe("Landscape");
    expect(scoring.mock.pageLayout.paperSize).toBe("A4");
    expect(scoring.mock.pageLayout.zoom).toEqual({ horizontalFitToPages: 1 });
    expect(scoring.mock.pageLayout.headersFooters.defaultForAllPages.centerFooter).toBe("第 &P 页，共 &N 页");
    expect(scoring.pageBreaks).toEqual((sheetLayout.pageBreaks ?? []).map((r) => `A${r}`));
    expect(scoring.mock.tabColor).toBe("#4472C4");
    expect(scoring.mock.showGridlines).toBe(false);

    for (const s of layout.sheets)
      expect([s.name, fake.sheet(s.name).protectCalls]).toEqual([
        s.name,
        [{ options: { allowFormatColumns: true, allowFormatRows: true }, password: undefined }],
      ]);
    expect(fake.sheet(SHEET.meta).mock.visibility).toBe("VeryHidden");
    expect(fake.sheet(SHEET.cover).activated).toBe(1);
  });

  it("sets each style once per block of cells, the blocks of one style in one multi-area range (ExcelApi 1.9)", async () => {
    const layout = layoutOf("hebei-organization");
    const cells = (name: string) => layout.sheets.find((s) => s.name === name)!.cells;
    const styledCells = (name: string) => cells(name).filter((c) => c.style);
    // A property the adapter set (office-addin-mock reads an unset one as "Error, property was not loaded").
    const given = (v: unknown) => v !== undefined && v !== "" && !(typeof v === "string" && v.startsWith("Error"));
    const styled = (r: RangeRecord) =>
      [
        r.mock.format.font.name,
        r.mock.format.fill.color,
        r.mock.format.horizontalAlignment,
        r.mock.format.wrapText,
      ].some(given) || Object.keys(r.borders).length > 0;
    const styleOps = (fake: FakeExcel, name: string) => fake.sheet(name).ranges.filter(styled).length;
    const areas = new FakeExcel();
    await new OfficeWorkbookHost(areas.api()).writeLayout(layout);
    const blocks = new FakeExcel();
    await new OfficeWorkbookHost(blocks.api({ "ExcelApi 1.9": false })).writeLayout(layout);
    const scoringStyles = new Set(styledCells(SHEET.scoring).map((c) => c.style)).size;
    // One operation set per style and shape class (single cells, rows, columns, blocks) at most …
    expect(styleOps(areas, SHEET.scoring)).toBeLessThanOrEqual(scoringStyles * 4);
    // … where without getRanges each block is one.
    expect(styleOps(blocks, SHEET.scoring)).toBeGreaterThan(styleOps(areas, SHEET.scoring));
    // Every styled cell gets exactly its own style's font and fill, once.
    for (const fake of [areas, blocks])
      for (const c of styledCells(SHEET.scoring)) {
        const style = layout.styles[c.style!];
        const on = fake.rangesCovering(SHEET.scoring, c.ref).filter(styled);
        expect([c.ref, on.length]).toEqual([c.ref, 1]);
        if (style.font?.name) expect([c.ref, on[0].mock.format.font.name]).toEqual([c.ref, style.font.name]);
        if (style.fill) expect([c.ref, on[0].mock.format.fill.color]).toEqual([c.ref, `#${style.fill.toUpperCase()}`]);
        if (style.font?.bold !== undefined)
          expect([c.ref, on[0].mock.format.font.bold]).toEqual([c.ref, style.font.bold]);
      }
    // A block several columns wide keeps the borders between its cells.
    const wide = areas
      .sheet(SHEET.scoring)
      .ranges.find(
        (r) => r.address.split(",").some((a) => /^([A-Z]+)\d+:(?!\1)[A-Z]+\d+$/.test(a)) && r.borders.EdgeLeft,
      );
    expect(wide?.borders.InsideVertical?.style).toBe("Continuous");
  });

  it("sets the fit last and checks it took; where a host ignores it (office-js#1860) sets it again, then a scale", async () => {
    const layout = layoutOf("hebei-organization");
    const scoring = layout.sheets.find((s) => s.name === SHEET.scoring)!;
    // Applied at once: one read, nothing set twice.
    const ok = new FakeExcel();
    await new OfficeWorkbookHost(ok.api()).writeLayout(layout);
    expect(ok.zoomWrites.filter((w) => w.startsWith(`${SHEET.scoring} `))).toEqual([
      `${SHEET.scoring} {"horizontalFitToPages":1}`,
    ]);
    // Ignored once: set again, and it took.
    const once = new FakeExcel();
    once.ignoreFitToPages = layout.sheets.filter((s) => s.print).length;
    await new OfficeWorkbookHost(once.api()).writeLayout(layout);
    expect(once.sheet(SHEET.scoring).mock.pageLayout.zoom).toEqual({ horizontalFitToPages: 1 });
    expect(once.zoomWrites.filter((w) => w.startsWith(`${SHEET.scoring} `))).toHaveLength(2);
    // Ignored always: the scale that fits the print area's columns on the page's width.
    const never = new FakeExcel();
    never.ignoreFitToPages = true;
    await new OfficeWorkbookHost(never.api()).writeLayout(layout);
    const scale = fitScale(scoring);
    expect(never.sheet(SHEET.scoring).mock.pageLayout.zoom).toEqual({ scale });
    expect(scale).toBeGreaterThanOrEqual(10);
    expect(scale).toBeLessThan(100); // the scoring sheet is wider than A4 landscape at 100 %
    const p = scoring.print!;
    const inch = 72;
    const [a, b] = p.area.replace(/\$/g, "").split(":");
    let width = 0;
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) {
      const col = scoring.columns.find((x) => x.col === String.fromCharCode(c));
      if (!col?.hidden) width += widthPoints(col?.width ?? 8.43);
    }
    const page = 841.89 - (p.margins.left + p.margins.right) * inch;
    expect((width * scale) / 100).toBeLessThanOrEqual(page);
    expect((width * (scale + 1)) / 100).toBeGreaterThan(page);
    // The page comes first, the fit last (the fake marks a zoom set before the print area).
    expect(ok.zoomWrites.some((w) => w.endsWith("before the print area"))).toBe(false);
  });

  it("leaves the print setup out where ExcelApi 1.9 is missing", async () => {
    const fake = new FakeExcel();
    await new OfficeWorkbookHost(fake.api({ "ExcelApi 1.9": false })).writeLayout(layoutOf("hebei-organization"));
    const scoring = fake.sheet(SHEET.scoring);
    expect(scoring.printArea).toBeUndefined();
    expect(scoring.mock.pageLayout.orientation).toBeUndefined();
    expect(fake.syncs).toBe(2);
  });

  it("never overwrites: a taken sheet name stops before anything is written (one sync)", async () => {
    const fake = new FakeExcel(["Sheet1", "评分"]);
    const host = new OfficeWorkbookHost(fake.api());
    await expect(host.writeLayout(layoutOf("hebei-organization"))).rejects.toEqual(new SheetExistsError(["评分"]));
    expect(fake.syncs).toBe(1);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "评分"]);
    expect(fake.ops).toEqual([]);
  });

  it("a second scoring set gets suffixed sheets, formulas that follow, and its names at the scoring sheet's scope", async () => {
    const { fake, host } = await generated("hebei-organization");
    const second = renameLayout(layoutOf("hebei-individual-senior", { applicant: "王五" }), " (2)");
    await host.writeLayout(second);
    expect(fake.syncs).toBe(6);
    const scoring = fake.sheet("评分 (2)");
    // Names the first set holds at workbook scope go to the sheet's scope; a new one ("Awarded") to the workbook's.
    const taken = fake.names.filter((n) => !n.formula.includes("(2)")).map((n) => n.name);
    expect(scoring.names.map((n) => n.name).sort()).toEqual(
      second.names
        .map((n) => n.name)
        .filter((n) => taken.includes(n))
        .sort(),
    );
    expect(scoring.names.find((n) => n.name === "Total")!.formula).toMatch(/^='评分 \(2\)'!\$[A-Z]+\$\d+$/);
    expect(fake.names.filter((n) => n.name === "Awarded")).toEqual([
      { name: "Awarded", formula: expect.stringMatching(/^='评分 \(2\)'!/) },
    ]);
    expect(fake.sheet("封面 (2)").cells.get(second.map.cover.total)?.formula).toMatch(/^='评分 \(2\)'!/);
  });

  it("needs ExcelApi 1.8 to write, and opens a new workbook with Excel.createWorkbook", async () => {
    const old = new OfficeWorkbookHost(new FakeExcel().api({ "ExcelApi 1.8": false }));
    expect(old.capabilities).toEqual({ currentWorkbook: false, newWorkbook: false, liveEvents: true });
    await expect(old.writeLayout(layoutOf("hebei-organization"))).rejects.toBeInstanceOf(HostUnsupportedError);
    const fake = new FakeExcel();
    await new OfficeWorkbookHost(fake.api()).openWorkbook("UEsDBA==");
    expect(fake.created).toEqual(["UEsDBA=="]);
  });
});

/** The fake Excel holding what a MemoryWorkbook holds (values, formulas with results, names): a filled-in workbook. */
function fakeFrom(memory: MemoryWorkbook): FakeExcel {
  const fake = new FakeExcel([]);
  for (const name of memory.order) {
    const s = memory.sheets.get(name)!;
    const sheet = fake.addSheet(name);
    for (const [ref, c] of s.cells)
      if (c.formula !== undefined || c.value !== null)
        fake.setCell(
          name,
          ref,
          c.formula !== undefined ? { value: c.value, formula: `=${c.formula}` } : { value: c.value },
        );
    for (const [n, ref] of Object.entries(s.names)) sheet.names.push({ name: n, formula: `=${ref}` });
  }
  for (const [n, ref] of Object.entries(memory.names)) fake.names.push({ name: n, formula: `=${ref}` });
  fake.active = memory.order.indexOf(memory.active ?? memory.order[0]);
  return fake;
}

async function filled(id: string) {
  const memory = new MemoryWorkbook({ library: lib });
  memory.addSheet("Sheet1");
  const layout = layoutOf(id);
  await memory.writeLayout(layout);
  const sc = layout.map.scoring;
  const at = (k: number) => `${sc.columns.input}${sc.items[k].row}`;
  memory.enter(SHEET.scoring, at(0), layout.rubricId.startsWith("hebei-individual") ? "10" : "45%");
  memory.enter(SHEET.scoring, at(1), layout.rubricId.startsWith("hebei-individual") ? "99" : "47%");
  memory.enter(
    SHEET.vetoes,
    `${layout.map.vetoes.columns.answer}${layout.map.vetoes.rows[0].row}`,
    vetoAnswerFor(lib.get(id)!.rules.vetoes[0], true),
  );
  return memory;
}

describe("checking through Office.js", () => {
  it.each(["jiangmen-manufacturing", "hebei-organization", "hebei-individual-senior"])(
    "%s: listSheets + read = two syncs, and the same review as the in-memory workbook",
    async (id) => {
      const memory = await filled(id);
      const fake = fakeFrom(memory);
      const office = new OfficeWorkbookHost(fake.api());
      const viaOffice = await checkWorkbook(office, lib);
      expect(fake.syncs).toBe(2);
      expect(fake.runs).toBe(2);
      const viaMemory = await checkWorkbook(memory, lib);
      if (viaOffice.kind !== "checked" || viaMemory.kind !== "checked") throw new Error("no scoring set found");
      const summary = (r: typeof viaOffice.review) => ({
        total: r.total,
        scored: r.scored,
        problems: r.problems.map((p) => [p.kind, p.message.zh, p.cell]),
        vetoes: r.vetoes,
      });
      expect(summary(viaOffice.review)).toEqual(summary(viaMemory.review));
      expect(
        viaOffice.review.report.problems.filter((p) => !["veto-unanswered", "declaration-missing"].includes(p.code)),
      ).toEqual([]);
      expect(viaOffice.review.vetoes).toHaveLength(1);
      expect(viaOffice.review.problems.filter((p) => p.kind === "invalid")).toHaveLength(1);
    },
  );

  it("finds tampering through Office.js too: a score overwritten with a constant", async () => {
    const memory = await filled("hebei-organization");
    const fake = fakeFrom(memory);
    const layout = layoutOf("hebei-organization");
    const ref = `${layout.map.scoring.columns.score}${layout.map.scoring.items[2].row}`;
    fake.setCell(SHEET.scoring, ref, { value: 60 });
    const out = await checkWorkbook(new OfficeWorkbookHost(fake.api()), lib);
    if (out.kind !== "checked") throw new Error("not checked");
    expect(out.review.problems.find((p) => p.kind === "workbook")).toMatchObject({
      message: { code: "formula-overwritten" },
      cell: { sheet: SHEET.scoring, ref },
    });
  });

  it("select and onChange are one round trip each, protect two (the protection state, then everything)", async () => {
    const memory = await filled("hebei-organization");
    const fake = fakeFrom(memory);
    const host = new OfficeWorkbookHost(fake.api());
    await host.select(SHEET.scoring, "G6");
    expect(fake.syncs).toBe(1);
    expect(fake.sheet(SHEET.scoring).activated).toBe(1);
    expect(fake.rangesAt(SHEET.scoring, "G6")[0].selected).toBe(true);

    const out = await checkWorkbook(memory, lib);
    if (out.kind !== "checked") throw new Error("not checked");
    fake.syncs = 0;
    const sheets = await finishWorkbook(host, out.review);
    expect(fake.syncs).toBe(2);
    expect(sheets).toEqual(["封面", "评分", "否决", "加分", "评分指南", "元数据"]);
    const scoring = fake.sheet(SHEET.scoring);
    expect(scoring.unprotectCalls).toBe(0); // not protected: nothing to unprotect
    expect(scoring.protectCalls).toHaveLength(1);
    expect(fake.rangesAt(SHEET.scoring, "G5:G27")[0].mock.format.protection.locked).toBe(true);

    fake.syncs = 0;
    let calls = 0;
    const stop = await host.onChange([SHEET.scoring, SHEET.vetoes], () => calls++);
    expect(fake.syncs).toBe(1);
    await fake.sheet(SHEET.scoring).handlers[0]();
    expect(calls).toBe(1);
    stop();
    // stop() removes the handlers in an Excel.run of its own: wait for it (an event, not a fixed delay).
    await until(() => expect(fake.sheet(SHEET.scoring).handlers).toHaveLength(0));
    expect(fake.sheet(SHEET.vetoes).handlers).toHaveLength(0);
  });
});

describe("cellsFrom", () => {
  it("reads Office.js used-range arrays: constants, formulas without =, results, error values", () => {
    expect(
      cellsFrom(
        "'评分'!B3:C4",
        [
          [1, ""],
          ["#N/A", "x"],
        ],
        [
          [1, "=A1"],
          ["=1/0", "x"],
        ],
      ),
    ).toEqual({
      B3: { value: 1 },
      C3: { value: null, formula: "A1" },
      B4: { value: { error: "#N/A" }, formula: "1/0" },
      C4: { value: "x" },
    });
  });
});

describe("recoverable generation and password-protected sheets (issue #9)", () => {
  it("a write that fails part way removes what it added, names included; the retry then succeeds", async () => {
    const fake = new FakeExcel(["Sheet1"]);
    fake.names.push({ name: "Existing", formula: "=Sheet1!$A$1" });
    const host = new OfficeWorkbookHost(fake.api());
    // Sync 1 checks the names; sync 2 sends everything and fails after the sheets and names were added.
    fake.failSync = (n) => n === 2;
    const err = await host.writeLayout(layoutOf("hebei-organization")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteFailedError);
    expect((err as WriteFailedError).cleaned).toBe(true);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect(fake.names.map((n) => n.name)).toEqual(["Existing"]);
    fake.failSync = null;
    await host.writeLayout(layoutOf("hebei-organization"));
    expect(fake.sheets.map((s) => s.name)).toContain("评分");
  });

  it("Finish on sheets protected with a password: refused without it, nothing changed; a wrong one is refused too", async () => {
    const { fake, host } = await generated("hebei-organization");
    for (const s of fake.sheets) if (s.name !== "Sheet1") s.protectedWith = "评审2025";
    const memory = await filled("hebei-organization");
    const out = await checkWorkbook(memory, lib);
    if (out.kind !== "checked") throw new Error("not checked");
    const locksBefore = fake.sheet(SHEET.scoring).protectCalls.length;
    const none = await finishWorkbook(host, out.review).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(SheetPasswordError);
    expect((none as SheetPasswordError).wrong).toBe(false);
    expect(fake.sheet(SHEET.scoring).protectCalls.length).toBe(locksBefore);
    expect(fake.sheet(SHEET.scoring).protectedWith).toBe("评审2025");

    const wrong = await finishWorkbook(host, out.review, "猜一个").catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(SheetPasswordError);
    expect((wrong as SheetPasswordError).wrong).toBe(true);
    for (const s of fake.sheets) if (s.name !== "Sheet1") expect(s.protectedWith).toBe("评审2025");

    await finishWorkbook(host, out.review, "评审2025");
    const scoring = fake.sheet(SHEET.scoring);
    expect(scoring.protectedWith).toBe("评审2025"); // protected again with the reviewer's password
    expect(scoring.protectCalls.at(-1)?.password).toBe("评审2025");
  });

  it("Finish with a password where some sheets are protected without one: those are never unprotected with it (office-js#762)", async () => {
    const { fake, host } = await generated("hebei-organization");
    // The reviewer protected the scoring sheet with a password and the others without one.
    for (const s of fake.sheets)
      if (s.name !== "Sheet1") s.protectedWith = s.name === SHEET.scoring ? "评审2025" : null;
    const memory = await filled("hebei-organization");
    const out = await checkWorkbook(memory, lib);
    if (out.kind !== "checked") throw new Error("not checked");
    await finishWorkbook(host, out.review, "评审2025");
    // Excel drops the password of later protect calls on a sheet unprotected with a password it did not have.
    for (const s of fake.sheets.filter((x) => x.name !== "Sheet1" && x.name !== SHEET.scoring))
      expect([s.name, s.unprotectPasswords.filter((p) => p !== undefined)]).toEqual([s.name, []]);
    const scoring = fake.sheet(SHEET.scoring);
    expect(scoring.unprotectPasswords.at(-1)).toBe("评审2025");
    expect(scoring.protectedWith).toBe("评审2025");
    for (const s of fake.sheets.filter((x) => x.name !== "Sheet1")) expect(s.protectedWith).not.toBeUndefined();
  });
});
