// Native-mode workbooks use only functions that LibreOffice and WPS Spreadsheets also evaluate: every formula of
// every generated native workbook (each rubric and stage, and the secretariat's summary) is scanned for the
// functions it calls, and that set must be exactly the list in the README ("Functions in native workbooks"), so the
// list stays true. LibreOffice recalculating these workbooks (test/workbook/libreoffice.test.ts,
// test/summary/libreoffice.test.ts) is the proof that it evaluates them.
import { readFileSync } from "fs";
import path from "path";
import { library } from "../../src/core";
import { buildSummaryLayout } from "../../src/summary";
import { buildLayout } from "../../src/workbook";
import { fixtureResult } from "../summary/fixtures";
import { meta } from "../helpers/workbooks";

/** The functions a formula calls (names before "(", outside string literals). */
export function functionsIn(formula: string): string[] {
  const code = formula.replace(/"([^"]|"")*"/g, '""');
  return [...code.matchAll(/(?<![A-Za-z0-9_.$'!])([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((m) => m[1].toUpperCase());
}

/** The README's list: the line after the heading, as `NAME` items. */
function readmeList(): string[] {
  const readme = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
  const start = readme.indexOf("<!-- native-functions -->");
  const end = readme.indexOf("<!-- /native-functions -->");
  expect(start).toBeGreaterThan(0);
  return [...readme.slice(start, end).matchAll(/`([A-Z][A-Z0-9.]*)`/g)].map((m) => m[1]);
}

function nativeFormulas(): string[] {
  const out: string[] = [];
  for (const r of library().rubrics)
    for (const stage of ["material", "onsite"] as const) {
      const layout = buildLayout(library().get(r.id)!, meta({ mode: "native", stage }));
      for (const s of layout.sheets) for (const c of s.cells) if (c.formula) out.push(c.formula);
      for (const s of layout.sheets) for (const cf of s.conditionalFormats) out.push(cf.formula);
    }
  const summary = buildSummaryLayout(fixtureResult(), { mode: "native" });
  for (const s of summary.sheets) {
    for (const c of s.cells) if (c.formula) out.push(c.formula);
    for (const cf of s.conditionalFormats) out.push(cf.formula);
  }
  return out;
}

describe("functions in native workbooks", () => {
  it("finds the functions a formula calls, not names inside text or references", () => {
    expect(functionsIn(`IF(ISNUMBER(G5),ROUND(G5*100,6)&"%",IF(G5="","SUM(x)",'评分'!A1))`)).toEqual([
      "IF",
      "ISNUMBER",
      "ROUND",
      "IF",
    ]);
    expect(functionsIn("_xlfn.RANK.EQ(A1,A$1:A$9)")).toEqual(["_XLFN.RANK.EQ"]);
  });

  it("are exactly the README's list, none of them an add-in's or a newer Excel's (_xlfn.)", () => {
    const used = [...new Set(nativeFormulas().flatMap(functionsIn))].sort();
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((f) => f.startsWith("QA.") || f.startsWith("_XL"))).toEqual([]);
    expect(used).toEqual([...readmeList()].sort());
  });
});
