// The QA.* functions give the same answers on every Excel host. Excel desktop passes an empty cell to a custom
// function as 0, Excel on the web as blank (OfficeDev/office-js#4702); test/helpers/formula-eval.ts calculates a
// workbook either way (emptyCellAs 0 or null). The documented forms (IF(ISBLANK(x),"",x) for one cell, COUNT(range)
// beside a range) and every generated custom-mode workbook (scoring workbook and summary) give one answer on both,
// the engine's; the bare forms are shown to differ, so this test can fail.
import { aggregate, exact, STATUS_TEXT, toNumber, type AggregateResult } from "../../src/core";
import { buildSummaryLayout, rubricInfo, type SummaryLayout } from "../../src/summary";
import { buildLayout, SHEET, type InitialValues } from "../../src/workbook";
import { FormulaBook, type Custom, type HostOptions, type Scalar } from "../helpers/formula-eval";
import { bundle, meta, randomMixed, rng } from "../helpers/workbooks";
import { fixtureSheets, ROSTER } from "../summary/fixtures";
import { loadFunctions, StubError, type Registered } from "./cf-stub";

let qa: Registered;
beforeAll(() => {
  qa = loadFunctions();
});
const custom: Custom = (name, args) => {
  try {
    return qa.call(name, ...args) as Scalar;
  } catch (e) {
    if (e instanceof StubError) return { error: e.code };
    throw e;
  }
};

const DESKTOP: HostOptions = { emptyCellAs: 0 };
const WEB: HostOptions = { emptyCellAs: null };

/** A sheet "S" with the given cells (values, or formulas starting with =), calculated on one host. */
function book(cells: Record<string, Scalar | string>, host: HostOptions): FormulaBook {
  const b = new FormulaBook(custom, host);
  for (const [ref, v] of Object.entries(cells))
    if (typeof v === "string" && v.startsWith("=")) b.setFormula("S", ref, v.slice(1));
    else b.set("S", ref, v);
  return b;
}

const both = (cells: Record<string, Scalar | string>, ref = "Z1") => [
  book(cells, DESKTOP).get("S", ref),
  book(cells, WEB).get("S", ref),
];

describe("the documented forms give one answer on desktop and on the web", () => {
  // Three experts' totals, one cell left empty (an expert's total cleared in a what-if), one expert scored 0.
  const scores = { A1: 600, A2: null, A3: 0, A4: 660 };

  it("QA.PANEL(range, method, COUNT(range)): the empty cell is not a score of 0", () => {
    for (const method of ["mean", "trimmed", "median"]) {
      const [desktop, web] = both({ ...scores, Z1: `=QA.PANEL(A1:A4,"${method}",COUNT(A1:A4))` });
      expect(desktop).toBe(web);
      expect(web).toBe(
        toNumber(
          { mean: exact(420), trimmed: exact(600), median: exact(600) }[method as "mean" | "trimmed" | "median"],
        ),
      );
    }
    // The bare form counts the empty cell as 0 on desktop.
    const [desktop, web] = both({ ...scores, Z1: `=QA.PANEL(A1:A4,"mean")` });
    expect([desktop, web]).toEqual([315, 420]);
  });

  it("QA.MISSING(range, COUNT(range)): an empty cell is unscored, a typed 0 % is not", () => {
    const cells = { A1: 0.45, A2: null, A3: 0, A4: null };
    expect(both({ ...cells, Z1: "=QA.MISSING(A1:A4,COUNT(A1:A4))" })).toEqual([2, 2]);
    expect(both({ ...cells, Z1: "=QA.MISSING(A1:A4)" })).toEqual([0, 2]);
  });

  it.each([
    ["QA.BAND", `=QA.BAND(IF(ISBLANK(A1),"",A1))`, `=QA.BAND(A1)`],
    ["QA.CHECK", `=QA.CHECK(IF(ISBLANK(A1),"",A1))`, `=QA.CHECK(A1)`],
    ["QA.FINAL", `=QA.FINAL(IF(ISBLANK(A1),"",A1),700)`, `=QA.FINAL(A1,700)`],
    ["QA.STATUS", `=QA.STATUS(IF(ISBLANK(A2),"",A2),IF(ISBLANK(A1),"",A1),FALSE)`, `=QA.STATUS(A2,A1,FALSE)`],
  ])("%s of an empty cell, guarded by IF(ISBLANK(…))", (_name, guarded, bare) => {
    const [desktop, web] = both({ A1: null, A2: null, Z1: guarded });
    expect(desktop).toEqual(web);
    const [bareDesktop, bareWeb] = both({ A1: null, A2: null, Z1: bare });
    expect(bareWeb).toEqual(web);
    expect(bareDesktop).not.toEqual(bareWeb);
    // A value in the cell passes through the guard unchanged.
    expect(both({ A1: 0.45, A2: 600, Z1: guarded })).toEqual(both({ A1: 0.45, A2: 600, Z1: bare }));
  });

  it("QA.STATUS with its thresholds in empty cells, not guarded: the rule set's lines on both hosts", () => {
    // 549 after 500 in the material review: below Hebei's 550 nomination line; 499 does not advance (500).
    const cells = { A1: 549, A2: 500, A3: 499, B1: null, B2: null };
    expect(both({ ...cells, Z1: `=QA.STATUS(A1,A2,FALSE,"hebei-organization",B1,B2)` })).toEqual([
      "未达提名线",
      "未达提名线",
    ]);
    expect(both({ ...cells, Z1: `=QA.STATUS(A1,A3,FALSE,"hebei-organization",B1,B2)` })).toEqual([
      "未进入现场评审",
      "未进入现场评审",
    ]);
  });

  it("QA.FINAL with an empty bonus and public satisfaction, guarded, is the plain sum", () => {
    const f = `=QA.FINAL(600,700,IF(ISBLANK(A1),"",A1),IF(ISBLANK(A2),"",A2))`;
    expect(both({ A1: null, A2: null, Z1: f })).toEqual([670, 670]);
  });
});

/** Final, rank and status of every ranked applicant, as calculated on one host. */
function ranking(layout: SummaryLayout, host: HostOptions, edit: (b: FormulaBook) => void = () => {}) {
  const b = FormulaBook.fromLayout(layout, custom, host);
  edit(b);
  const c = layout.map.ranking.columns;
  const out: Record<string, unknown> = {};
  for (const g of layout.map.ranking.groups)
    for (const r of g.rows) {
      const f = b.get("汇总", `${c.final}${r.row}`);
      out[r.applicant] = {
        final: typeof f === "number" ? Math.round(f * 1e6) / 1e6 : f,
        rank: b.get("汇总", `${c.rank}${r.row}`),
        status: b.get("汇总", `${c.status}${r.row}`),
      };
    }
  return out;
}

function engineRanking(result: AggregateResult, names: string[]) {
  const out: Record<string, unknown> = {};
  for (const a of result.applicants)
    if (names.includes(a.applicant))
      out[a.applicant] = {
        final: a.final === null ? "" : Math.round(toNumber(a.final) * 1e6) / 1e6,
        rank: a.rank ?? a.wouldBeRank ?? "",
        status: STATUS_TEXT[a.status].zh,
      };
  return out;
}

describe("generated custom-mode workbooks give one answer on desktop and on the web", () => {
  it("the summary (QA.PANEL, QA.FINAL, QA.STATUS, QA.RANK) after an expert's total or the bonuses are cleared", () => {
    const result = aggregate(fixtureSheets(), rubricInfo(), ROSTER);
    const layout = buildSummaryLayout(result, { mode: "custom" });
    const pm = layout.map.panels;
    const row = pm.rows.find((r) => r.applicant === "庚公司" && r.stage === "onsite")!.row;
    const clear = (b: FormulaBook) => b.set(pm.sheet, `${pm.columns.totals[0]}${row}`, null);
    const desktop = ranking(layout, DESKTOP, clear);
    const web = ranking(layout, WEB, clear);
    expect(desktop).toEqual(web);
    // The engine without that expert's on-site sheet: the cleared total is left out, not counted as 0.
    const expert = fixtureSheets().find((s) => s.applicant === "庚公司" && s.stage === "onsite")!.expert;
    const without = fixtureSheets().filter(
      (s) => !(s.applicant === "庚公司" && s.stage === "onsite" && s.expert === expert),
    );
    const names = Object.keys(web);
    const org = names.filter(
      (n) => result.applicants.find((a) => a.applicant === n)?.rubricId === "hebei-organization",
    );
    const pick = (o: Record<string, unknown>) => Object.fromEntries(org.map((n) => [n, o[n]]));
    expect(pick(web)).toEqual(pick(engineRanking(aggregate(without, rubricInfo(), ROSTER), org)));
    // Untouched, and with every bonus cell emptied, both hosts agree too.
    expect(ranking(layout, DESKTOP)).toEqual(ranking(layout, WEB));
    const c = layout.map.ranking.columns;
    const noBonus = (b: FormulaBook) => {
      for (const g of layout.map.ranking.groups) for (const r of g.rows) b.set("汇总", `${c.bonus}${r.row}`, null);
    };
    expect(ranking(layout, DESKTOP, noBonus)).toEqual(ranking(layout, WEB, noBonus));
  });

  it.each(["hebei-organization", "jiangmen-service", "hebei-individual-senior"])(
    "the scoring workbook (%s) with unscored and invalid entries",
    (id) => {
      const b = bundle(id);
      for (let seed = 1; seed <= 5; seed++) {
        const values: InitialValues = randomMixed(b, rng(seed * 31337));
        const layout = buildLayout(b, meta({ mode: "custom" }));
        const m = layout.map.scoring;
        const calc = (host: HostOptions) => {
          const book = FormulaBook.fromLayout(layout, custom, host);
          for (const [code, e] of Object.entries(values.entries ?? {})) {
            const row = m.items.find((i) => i.code === code)!.row;
            book.set(m.sheet, `${m.columns.input}${row}`, e.value === "" ? null : e.value);
            if (m.columns.band) book.set(m.sheet, `${m.columns.band}${row}`, e.band ?? null);
          }
          return [
            ...m.items.flatMap((it) => [
              book.get(SHEET.scoring, `${m.columns.score}${it.row}`),
              book.get(SHEET.scoring, `${m.columns.check}${it.row}`),
            ]),
            book.get(SHEET.scoring, m.total),
            book.get(SHEET.scoring, m.missing),
          ];
        };
        expect([id, seed, calc(DESKTOP)]).toEqual([id, seed, calc(WEB)]);
      }
    },
  );
});
