// The in-memory workbook: what the renderer writes, typing as in Excel, protection, names, and formula results
// recomputed by the engine (they agree with what the .xlsx writer caches for the same entries).
import { library } from "../../src/core";
import * as coreEvaluate from "../../src/core/evaluate";
import * as layoutModule from "../../src/workbook/layout";
import { CellProtectedError, MemoryWorkbook, typedValue } from "../../src/host/memory";
import { finishRequests, readInitial } from "../../src/host/initial";
import { checkWorkbook } from "../../src/taskpane/flows";
import { findSets, renameLayout, SetSource } from "../../src/host/sets";
import { SheetExistsError } from "../../src/host/types";
import { buildLayout, interpret, layoutSource, SHEET, type WorkbookMeta } from "../../src/workbook";

const lib = library();
const meta: WorkbookMeta = {
  applicant: "甲公司",
  expert: "李四",
  stage: "material",
  mode: "native",
  createdAt: "2025-06-01T08:00:00.000Z",
};

async function workbook(id = "hebei-organization") {
  const wb = new MemoryWorkbook({ library: lib });
  wb.addSheet("Sheet1");
  const layout = buildLayout(lib.get(id)!, meta);
  await wb.writeLayout(layout);
  return { wb, layout };
}

describe("typing into a cell", () => {
  it("stores what Excel stores for the cell's number format", () => {
    expect(typedValue("45%", "0%")).toBe(0.45);
    expect(typedValue("45", "0%")).toBe(0.45); // automatic percent entry
    expect(typedValue("0.45", "0%")).toBe(0.45);
    expect(typedValue("47 %", "0%")).toBe(0.47);
    expect(typedValue("abc", "0%")).toBe("abc");
    expect(typedValue("12.5", "0.0")).toBe(12.5);
    expect(typedValue("45", "@")).toBe("45");
    expect(typedValue("=1+1", "@")).toBe("=1+1");
    expect(typedValue("2025-06-30", "yyyy-mm-dd")).toBe(45838);
    expect(typedValue("", "0%")).toBeNull();
    expect(typedValue("是", "@")).toBe("是");
  });

  it("refuses locked cells of a protected sheet and takes the input cells", async () => {
    const { wb, layout } = await workbook();
    const sc = layout.map.scoring;
    expect(() => wb.enter(SHEET.scoring, sc.total, "1000")).toThrow(CellProtectedError);
    expect(wb.enter(SHEET.scoring, `${sc.columns.input}${sc.firstItemRow}`, "45")).toBe(0.45);
    expect(wb.editable("Sheet1", "A1")).toBe(true);
  });
});

describe("MemoryWorkbook", () => {
  it("never overwrites a sheet and keeps the names of a second set at its scoring sheet", async () => {
    const { wb, layout } = await workbook();
    await expect(wb.writeLayout(layout)).rejects.toEqual(new SheetExistsError(layout.sheets.map((s) => s.name)));
    await wb.writeLayout(renameLayout(layout, " (2)"));
    expect(Object.keys(wb.names)).toEqual(layout.names.map((n) => n.name));
    expect(wb.sheets.get("评分 (2)")!.names.Total).toMatch(/^'评分 \(2\)'!/);
    expect((await wb.listSheets()).names).toEqual([
      "Sheet1",
      ...layout.sheets.map((s) => s.name),
      ...layout.sheets.map((s) => `${s.name} (2)`),
    ]);
    expect(wb.sheets.get(SHEET.meta)!.visibility).toBe("veryHidden");
  });

  it("recomputes every formula result with the engine: the same numbers the .xlsx writer caches", async () => {
    const { wb, layout } = await workbook();
    const sc = layout.map.scoring;
    const input = (k: number) => `${sc.columns.input}${sc.items[k].row}`;
    wb.enter(SHEET.scoring, input(0), "45%");
    wb.enter(SHEET.scoring, input(1), "47%");
    wb.enter(SHEET.scoring, input(2), "100");
    wb.enter(SHEET.vetoes, `${layout.map.vetoes.columns.answer}${layout.map.vetoes.rows[0].row}`, "不符合");
    const initial = readInitial(await wb.read(layout.sheets.map((s) => s.name)), layout);
    expect(initial.entries!["1.1"].value).toBe(0.45);
    const expected = buildLayout(lib.get("hebei-organization")!, meta, initial);
    let formulas = 0;
    for (const s of expected.sheets)
      for (const c of s.cells)
        if (c.formula !== undefined) {
          formulas++;
          expect([s.name, c.ref, wb.cell(s.name, c.ref)!.value]).toEqual([s.name, c.ref, c.result ?? null]);
        }
    expect(formulas).toBeGreaterThan(100);
    // The layout with no entries has other results: the workbook really was recomputed.
    expect(layoutSource(layout).value(SHEET.scoring, sc.total)).toBe(0);
    expect(wb.cell(SHEET.scoring, sc.total)!.value).toBe(27 + 30);
    expect(wb.cell(SHEET.scoring, `${sc.columns.check}${sc.items[1].row}`)!.value).toBe("不是 5% 的整数倍");
    expect(wb.cell(SHEET.vetoes, layout.map.vetoes.flag)!.value).toBe("否决标记：有 1 项（待质评办核实）");
    // What the engine reads back agrees with every cached number: no "score-mismatch".
    const report = interpret(await wb.read(wb.order), { library: lib });
    expect(report.problems.filter((p) => p.code === "score-mismatch")).toEqual([]);
    expect(report.vetoed).toBe(true);
  });

  it.each(lib.rubrics.flatMap((r) => (["native", "custom"] as const).map((mode) => [r.id, mode] as const)))(
    "%s (%s): a second set shows, after each keystroke, what a workbook generated with those entries caches",
    async (id, mode) => {
      const bundle = lib.get(id)!;
      const wb = new MemoryWorkbook({ library: lib });
      const m: WorkbookMeta = { ...meta, mode };
      await wb.writeLayout(buildLayout(bundle, m));
      const layout = buildLayout(bundle, { ...m, applicant: "乙公司" });
      await wb.writeLayout(renameLayout(layout, " (2)"));
      const sc = layout.map.scoring;
      const forms = ["45%", "４５％", "47", "abc", "", "100", "0.6", "-5"];
      sc.items.forEach(({ row }, k) =>
        wb.enter(`${SHEET.scoring} (2)`, `${sc.columns.input}${row}`, forms[k % forms.length]),
      );
      const v = layout.map.vetoes;
      wb.enter(`${SHEET.vetoes} (2)`, `${v.columns.answer}${v.rows[0].row}`, "是");
      const second = findSets(wb.order).find((x) => x.suffix === " (2)")!;
      const initial = readInitial(new SetSource(await wb.read(Object.values(second.sheets)), second), layout);
      expect(initial.entries![sc.items[0].code].value).toBe(0.45);
      const expected = buildLayout(bundle, { ...m, applicant: "乙公司" }, initial);
      for (const s of expected.sheets)
        for (const c of s.cells)
          if (c.formula !== undefined)
            expect([s.name, c.ref, wb.cell(`${s.name} (2)`, c.ref)!.value]).toEqual([s.name, c.ref, c.result ?? null]);
      // The first set was not touched: still the results of an empty workbook.
      expect(wb.cell(SHEET.scoring, sc.total)!.value).toBe(0);
    },
  );

  it("does not rebuild a layout per keystroke: typing costs one evaluation of the set", async () => {
    const { wb, layout } = await workbook();
    const sc = layout.map.scoring;
    wb.enter(SHEET.scoring, `${sc.columns.input}${sc.items[0].row}`, "45%"); // the first edit builds the set's layout
    const builds = jest.spyOn(layoutModule, "buildLayout");
    const evaluations = jest.spyOn(coreEvaluate, "evaluateSet");
    for (const [k, text] of ["50%", "55%", "60%"].entries())
      wb.enter(SHEET.scoring, `${sc.columns.input}${sc.items[k + 1].row}`, text);
    expect(builds).not.toHaveBeenCalled();
    expect(evaluations).toHaveBeenCalledTimes(3);
    builds.mockRestore();
    evaluations.mockRestore();
    const initial = readInitial(await wb.read(layout.sheets.map((s) => s.name)), layout);
    const fresh = layoutSource(buildLayout(lib.get("hebei-organization")!, meta, initial));
    expect(wb.cell(SHEET.scoring, sc.total)!.value).toBe(fresh.value(SHEET.scoring, sc.total));
    expect(wb.cell(SHEET.scoring, sc.total)!.value).toBeGreaterThan(0);
  });

  it("tells change listeners about edits of their sheets only, and stops when asked", async () => {
    const { wb, layout } = await workbook();
    const seen: string[] = [];
    const stop = await wb.onChange([SHEET.scoring], () => seen.push("scoring"));
    wb.enter(SHEET.vetoes, `${layout.map.vetoes.columns.answer}${layout.map.vetoes.rows[0].row}`, "符合");
    wb.enter(SHEET.scoring, `${layout.map.scoring.columns.input}${layout.map.scoring.firstItemRow}`, "50%");
    await Promise.resolve();
    expect(seen).toEqual(["scoring"]);
    stop();
    wb.enter(SHEET.scoring, `${layout.map.scoring.columns.input}${layout.map.scoring.firstItemRow}`, "55%");
    await Promise.resolve();
    expect(seen).toEqual(["scoring"]);
  });

  it("finish requests lock every input cell (as column runs) and protect each sheet", async () => {
    const { wb, layout } = await workbook();
    const requests = finishRequests(layout);
    const scoring = requests.find((r) => r.sheet === SHEET.scoring)!;
    const sc = layout.map.scoring;
    expect(scoring.lock).toContain(`${sc.columns.input}${sc.firstItemRow}:${sc.columns.input}${sc.lastItemRow}`);
    await wb.protect(requests);
    expect(wb.editable(SHEET.scoring, `${sc.columns.input}${sc.firstItemRow}`)).toBe(false);
    expect(wb.editable(SHEET.cover, layout.map.cover.declaration)).toBe(false);
    expect(wb.sheets.get(SHEET.scoring)!.protection).toEqual(layout.sheets[1].protection);
  });

  it("selects cells and records opened workbooks", async () => {
    const opened: string[] = [];
    const wb = new MemoryWorkbook({ library: lib, openWorkbook: (_b, name) => void opened.push(name) });
    await wb.writeLayout(buildLayout(lib.get("hebei-individual-other")!, meta));
    await wb.select(SHEET.scoring, "G5");
    expect(wb.active).toBe(SHEET.scoring);
    expect(wb.selection).toEqual({ sheet: SHEET.scoring, ref: "G5" });
    await expect(wb.select("nope", "A1")).rejects.toThrow();
    await wb.openWorkbook("UEsDBA==", "x.xlsx");
    expect(opened).toEqual(["x.xlsx"]);
    expect(wb.calls).toMatchObject({ select: 2, openWorkbook: 1, writeLayout: 1 });
  });
});

describe("the pane's live check", () => {
  it("reads the workbook again after each edit without building the rubric's layout again", async () => {
    const { wb, layout } = await workbook();
    const sc = layout.map.scoring;
    wb.enter(SHEET.scoring, `${sc.columns.input}${sc.items[1].row}`, "50%"); // the workbook's own first build
    const first = await checkWorkbook(wb, lib);
    expect(first.kind).toBe("checked");
    const builds = jest.spyOn(layoutModule, "buildLayout");
    wb.enter(SHEET.scoring, `${sc.columns.input}${sc.items[0].row}`, "47%");
    const again = await checkWorkbook(wb, lib);
    expect(builds).not.toHaveBeenCalled();
    builds.mockRestore();
    // ...and still names the new problem: 47 % is not on the 5 % step.
    if (again.kind !== "checked") throw new Error(again.kind);
    const cell = { sheet: SHEET.scoring, ref: `${sc.columns.input}${sc.items[0].row}` };
    expect(again.review.problems.filter((p) => p.kind === "invalid").map((p) => p.cell)).toEqual([cell]);
  });
});
