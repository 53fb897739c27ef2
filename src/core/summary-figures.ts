// What a formula cell of the summary workbook and its committee pack shows, as data (beside the scoring workbook's
// src/workbook/figures.ts): a SummaryFigure names one figure of the aggregation — an applicant's final, its status,
// a panel's score, the text a score prints as. The sheet builders give each such cell its figure and take the cached
// value from summaryFigureValue, so the file shows the engine's result before any recalculation, and a test can
// compare what a spreadsheet recalculates in every named cell with the engine's value for the same inputs.
import { itemSpread, sheetsOfFiles, type AggregateResult, type ApplicantResult } from "./aggregate";
import { formatScore, SHEET_PLACES, toNumber, type Exact } from "./exact";
import { inRankingField, isVetoStatus, statusBeforeLimit, STATUS_TEXT } from "./rules";
import type { StageId } from "./types";

/** Figures of one applicant (a row of 汇总, and the committee pack's references to it). */
export type ApplicantField =
  /** The numbers every formula reads (hidden columns of 汇总). */
  | "material"
  | "onsite"
  | "final"
  /** The same scores as the display rule prints them (text). */
  | "materialShown"
  | "onsiteShown"
  | "finalShown"
  | "materialExperts"
  | "onsiteExperts"
  /** The status before the top-N limit, whether the row is left out of the ranking, rank, status, rank note. */
  | "preStatus"
  | "excluded"
  | "rank"
  | "status"
  | "rankNote"
  /** 得分图: the category (applicant, status, final as printed) and the nomination line (#N/A: none). */
  | "chartLabel"
  | "chartLine"
  /** The thresholds the verdict is decided with (blank: none), as 报告数据 reads them. */
  | "advanceLine"
  | "finalLine";

export type SummaryFigure =
  | { applicant: string; field: ApplicantField }
  /** 专家分: a panel's expert count, its combined score and that score as printed. */
  | { applicant: string; stage: StageId; field: "count" | "score" | "shown" }
  /**
   * 明细: one item's statistics over the panel's counted workbooks: mean, lowest and highest (maturities as fractions,
   * as the percent cells hold them; points as they are), spread in percentage points, and the divergence flag.
   */
  | { applicant: string; stage: StageId; item: string; field: DetailField; scoring: "maturity" | "points" };

export type DetailField = "mean" | "min" | "max" | "spread" | "divergent";

/** The note beside a rank that a vetoed (or pending) applicant would have had. */
export const WOULD_BE_RANK_NOTE = "假定名次：否决或待核实，不占名次";

/**
 * A number as the summary's formulas give it: they round to SHEET_PLACES decimals (ROUND(…, 12)) to drop binary
 * noise. Blank for none.
 */
export function sheetNumber(x: Exact | null | undefined): number | "" {
  return x === null || x === undefined ? "" : Number(toNumber(x).toFixed(SHEET_PLACES));
}

const byName = new WeakMap<AggregateResult, Map<string, ApplicantResult>>();

/** An applicant of the aggregation by name, indexed once per result (a summary names thousands of figures). */
function applicantOf(result: AggregateResult, name: string): ApplicantResult | undefined {
  let index = byName.get(result);
  if (!index) {
    index = new Map();
    for (const a of result.applicants) if (!index.has(a.applicant)) index.set(a.applicant, a);
    byName.set(result, index);
  }
  return index.get(name);
}

/** The value a formula cell naming `f` shows for this aggregation: its cached value in a written workbook. */
export function summaryFigureValue(result: AggregateResult, f: SummaryFigure): string | number | boolean {
  const a = applicantOf(result, f.applicant);
  if (!a) throw new Error(`no applicant ${f.applicant} in the aggregation`);
  if ("item" in f) return detailFigure(result, a, f.stage, f.item, f.field, f.scoring);
  if ("stage" in f) {
    const st = a[f.stage];
    if (f.field === "count") return st.totals.length;
    if (f.field === "shown")
      return st.score === null ? "" : formatScore(st.score, f.stage === "material" ? [a.thresholds.advance] : []);
    return sheetNumber(st.score);
  }
  return applicantFigure(result, a, f.field);
}

/** The 明细 block's figures: over the panel's counted workbooks in the order the aggregation counted them. */
function detailFigure(
  result: AggregateResult,
  a: ApplicantResult,
  stage: StageId,
  code: string,
  field: DetailField,
  scoring: "maturity" | "points",
): string | number {
  if (field === "divergent")
    return result.divergences.some((d) => d.applicant === a.applicant && d.stage === stage && d.code === code)
      ? "分歧"
      : "";
  const values = sheetsOfFiles(result.used, a[stage].files)
    .map((u) => u.items.find((i) => i.code === code))
    .filter((i): i is NonNullable<typeof i> => !!i && i.value !== null)
    .map((i) => ({ value: i.value as number, points: i.points }));
  const maturity = scoring === "maturity";
  const asCell = (x: number) => (maturity ? Number((x / 100).toFixed(9)) : x);
  const nums = values.map((v) => v.value);
  switch (field) {
    case "mean":
      return nums.length ? asCell(nums.reduce((p, x) => p + x, 0) / nums.length) : "";
    case "min":
      return nums.length ? asCell(Math.min(...nums)) : "";
    case "max":
      return nums.length ? asCell(Math.max(...nums)) : "";
    case "spread":
      return values.length >= 2 ? Number(itemSpread(values, scoring).toFixed(9)) : "";
  }
}

function applicantFigure(
  result: AggregateResult,
  a: ApplicantResult,
  field: ApplicantField,
): string | number | boolean {
  const materialRun = result.stage === "material";
  // In a material-stage run the ranking's score is the material score, compared with the advance line.
  const ranked = materialRun ? a.material.score : a.final;
  const rankedLine = materialRun ? a.thresholds.advance : a.thresholds.final;
  const shown = (x: Exact | null, t: Exact | null) => (x === null ? "" : formatScore(x, [t]));
  const st = (s: ApplicantResult["status"]) => STATUS_TEXT[s].zh;
  const rank = a.rank ?? a.wouldBeRank;
  switch (field) {
    case "material":
      return sheetNumber(a.material.score);
    case "onsite":
      return sheetNumber(a.onsite.score);
    case "final":
      return sheetNumber(ranked);
    case "materialShown":
      return shown(a.material.score, a.thresholds.advance);
    case "onsiteShown":
      return shown(a.onsite.score, null);
    case "finalShown":
      return shown(ranked, rankedLine);
    case "materialExperts":
      return a.material.totals.length;
    case "onsiteExperts":
      return a.onsite.totals.length;
    case "preStatus":
      return st(statusBeforeLimit(a.status));
    case "excluded":
      return !inRankingField(statusBeforeLimit(a.status), result.stage);
    case "rank":
      return rank ?? "";
    case "status":
      return st(a.status);
    case "rankNote":
      return isVetoStatus(a.status) && rank !== null ? WOULD_BE_RANK_NOTE : "";
    case "chartLabel":
      return `${a.applicant}\n${st(a.status)}  ${shown(ranked, rankedLine)}`;
    case "chartLine":
      return a.thresholds.final === null ? "#N/A" : sheetNumber(a.thresholds.final);
    case "advanceLine":
      return sheetNumber(a.thresholds.advance);
    case "finalLine":
      return sheetNumber(a.thresholds.final);
  }
}
