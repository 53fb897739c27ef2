// Scoring sets in one workbook: finding them, offering free sheet names, renaming a layout, reading a set back.
import { library } from "../../src/core";
import {
  findSets,
  locate,
  renameLayout,
  renameRefs,
  SetSource,
  setOfSheet,
  suffixProblem,
  suggestSuffix,
} from "../../src/host/sets";
import { areaGroups, blocksOf, columnRuns, cellsOf, boundingBox, topLeftOf } from "../../src/host/ranges";
import { MemoryWorkbook } from "../../src/host/memory";
import { buildLayout, interpret, SHEET } from "../../src/workbook";

const lib = library();
const layout = buildLayout(lib.get("hebei-organization")!, {
  applicant: "甲公司",
  expert: "李四",
  stage: "material",
  mode: "native",
  createdAt: "2025-06-01T08:00:00.000Z",
});
const names = layout.sheets.map((s) => s.name);

describe("finding scoring sets", () => {
  it("recognises a set by its metadata and scoring sheets, with any suffix", () => {
    const sets = findSets(["Sheet1", ...names, ...names.map((n) => `${n} (2)`), "元数据 (9)"]);
    expect(sets.map((s) => s.suffix)).toEqual(["", " (2)"]);
    expect(sets[1].sheets).toEqual(Object.fromEntries(names.map((n) => [n, `${n} (2)`])));
    expect(setOfSheet(sets, "否决 (2)")).toBe(sets[1]);
    expect(setOfSheet(sets, "Sheet1")).toBeUndefined();
  });

  it("offers the first free suffix, and says why a suffix cannot be used", () => {
    expect(suggestSuffix(layout, ["Sheet1"])).toBe("");
    expect(suggestSuffix(layout, ["Sheet1", "评分"])).toBe(" (2)");
    expect(suggestSuffix(layout, [...names, "封面 (2)"])).toBe(" (3)");
    expect(suffixProblem(layout, "", ["评分", "否决"])).toEqual({ code: "taken", names: ["评分", "否决"] });
    expect(suffixProblem(layout, "", ["评分指南".toLowerCase()])).toEqual({ code: "taken", names: ["评分指南"] });
    expect(suffixProblem(layout, "/2", [])).toEqual({ code: "chars", names: [] });
    expect(suffixProblem(layout, " " + "x".repeat(30), [])?.code).toBe("length");
    expect(suffixProblem(layout, "（乙）", names)).toBeNull();
  });
});

describe("renaming", () => {
  it("renames sheet references outside string literals, longest names first", () => {
    const map = { 评分: "评分 (2)", 评分指南: "评分指南 (2)" };
    expect(renameRefs(`'评分'!$H$40+'评分指南'!A1&"'评分'!A1"`, map)).toBe(
      `'评分 (2)'!$H$40+'评分指南 (2)'!A1&"'评分'!A1"`,
    );
    expect(renameRefs("评分!H40", map)).toBe("'评分 (2)'!H40");
    expect(renameRefs(`'评分 (2)'!$D$5:$D$27`, { "评分 (2)": "评分" })).toBe(`'评分'!$D$5:$D$27`);
    expect(renameRefs("SUM(H5:H27)", map)).toBe("SUM(H5:H27)");
  });

  it("renames a layout's sheets, formulas, conditional formats, names and map", () => {
    const r = renameLayout(layout, " (2)");
    expect(r.sheets.map((s) => s.name)).toEqual(names.map((n) => `${n} (2)`));
    expect(r.map.scoring.sheet).toBe("评分 (2)");
    expect(r.map.vetoes.sheet).toBe("否决 (2)");
    expect(r.names.every((n) => n.sheet.endsWith(" (2)"))).toBe(true);
    const coverTotal = r.sheets[0].cells.find((c) => c.ref === r.map.cover.total)!;
    expect(coverTotal.formula).toMatch(/^'评分 \(2\)'!/);
    expect(JSON.stringify(r.sheets.flatMap((s) => s.cells.map((c) => c.formula ?? "")))).not.toMatch(
      /'(评分|否决|封面)'!/,
    );
    expect(renameLayout(layout, "")).toBe(layout);
  });

  it("reads a suffixed set back under the canonical names: interpret finds nothing wrong", async () => {
    const wb = new MemoryWorkbook({ library: lib });
    await wb.writeLayout(layout);
    await wb.writeLayout(
      renameLayout(buildLayout(lib.get("hebei-organization")!, { ...layout.meta, applicant: "乙公司" }), " (2)"),
    );
    const set = findSets(wb.order)[1];
    const source = new SetSource(await wb.read(Object.values(set.sheets)), set);
    expect(source.sheetNames()).toEqual(names);
    expect(source.definedNames().Total).toBe(`'评分'!${layout.names.find((n) => n.name === "Total")!.ref}`);
    const report = interpret(source, { library: lib });
    expect(report.applicant).toBe("乙公司");
    expect(
      report.problems.map((p) => p.code).filter((c) => !["veto-unanswered", "declaration-missing"].includes(c)),
    ).toEqual([]);
    expect(locate(set, "评分!G7")).toEqual({ sheet: "评分 (2)", ref: "G7" });
    expect(locate(undefined, "评分!G7")).toEqual({ sheet: SHEET.scoring, ref: "G7" });
  });
});

describe("ranges", () => {
  it("groups cells into column runs and back", () => {
    expect(columnRuns(["G5", "G6", "G7", "G9", "J5", "A1"])).toEqual(["A1", "G5:G7", "J5", "G9"]);
    expect(cellsOf("B2:C3")).toEqual(["B2", "C2", "B3", "C3"]);
    expect(boundingBox(["B2", "D7"])).toEqual({ top: 2, left: 2, rows: 6, cols: 3 });
    expect(topLeftOf("'评分 (2)'!C4:M40")).toEqual({ row: 4, col: 3 });
  });

  it("joins column runs over the same rows into blocks, and blocks of one shape into multi-area addresses", () => {
    // A..C over rows 5–7 are one block; D5:D6 is not (other rows); F4 and G4 are one single-row block.
    const refs = ["A5", "A6", "A7", "B5", "B6", "B7", "C5", "C6", "C7", "D5", "D6", "F4", "G4", "J9"];
    expect(blocksOf(refs)).toEqual(["F4:G4", "A5:C7", "D5:D6", "J9"]);
    expect(cellsOf("A5:C7").every((c) => refs.includes(c))).toBe(true);
    expect(areaGroups(blocksOf(refs), 2000)).toEqual([
      { address: "F4:G4", rows: 1, cols: 2 },
      { address: "A5:C7", rows: 3, cols: 3 },
      { address: "D5:D6", rows: 2, cols: 1 },
      { address: "J9", rows: 1, cols: 1 },
    ]);
    // Same shape class, joined up to the length given; 0: one block each.
    expect(areaGroups(["A1", "C1", "E1"], 5)).toEqual([
      { address: "A1,C1", rows: 1, cols: 1 },
      { address: "E1", rows: 1, cols: 1 },
    ]);
    expect(areaGroups(["A1", "C1"], 0)).toHaveLength(2);
  });
});
