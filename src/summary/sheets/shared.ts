// Helpers every sheet of the summary workbook shares: cell references, quoting, cached numbers, page setup, titles
// and signature lines. Pure TypeScript.
import {
  placesFor,
  toNumber,
  sheetNumber,
  summaryFigureValue,
  STATUS_TEXT,
  VETO_DECISION_TEXT,
  type ApplicantResult,
  type Exact,
  type RubricBundle,
  type RuleSet,
  type Status,
  type AggregateResult,
  type SummaryFigure,
} from "../../core";
import { quoteSheet } from "../../workbook/a1";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { PAGE_NUMBERS, pageSetup } from "../../workbook/sheets/common";
import type { Shown } from "../../workbook/figures";
import type { PrintLayout } from "../../workbook/types";
import { type ParametersMap } from "../types";

/** A4 landscape, one page wide, page numbers; `titleRow` repeated on every page. */
export function landscape(area: string, titleRow?: number): PrintLayout {
  return pageSetup({ orientation: "landscape", area, titleRow, footer: { center: PAGE_NUMBERS } });
}

export const ref = (col: string, row: number) => `${col}${row}`;
export const abs = (col: string, row: number) => `$${col}$${row}`;
export const ext = (sheet: string, col: string, row: number) => `${quoteSheet(sheet)}!${abs(col, row)}`;
/** A cached number as the summary's ROUND(…, SHEET_PLACES) formulas give it. */
export const r9 = sheetNumber;
/** An input's value as the engine holds it (a roster's 12.9999999999 is not rounded). */
export const inputNumber = (x: Exact): number => toNumber(x);
/** A formula's cached value as the figure of the aggregation it shows (src/core/summary-figures.ts). */
export const shows = (result: AggregateResult, f: SummaryFigure): Shown => ({
  result: summaryFigureValue(result, f),
  shows: f,
});
export const text = (v: string) => `"${v.replace(/"/g, '""')}"`;
export const ST = (s: Status) => STATUS_TEXT[s].zh;
export const CONFIRMED = VETO_DECISION_TEXT.confirmed.zh;
export const CLEARED = VETO_DECISION_TEXT.cleared.zh;
/** A score's style: two decimals, or as many as placesFor needs near the thresholds. */
export const scoreStyle = (base: "score" | "final", x: Exact | null, thresholds: (Exact | null)[]) => {
  const p = x === null ? 2 : placesFor(x, thresholds);
  return p > 2 ? `${base}${p}` : base;
};

export interface Group {
  /** The ranking (src/core rankingGroup): a rule set, or a rule set and rubric. */
  key: string;
  title: string;
  rules: RuleSet;
  applicants: { a: ApplicantResult; bundle: RubricBundle }[];
}

/** A rule set's block of the committee pack: its rules and applicants, in ranking order. */
export interface CommitteeGroup {
  rules: RuleSet;
  applicants: { a: ApplicantResult; bundle: RubricBundle }[];
}

export const PUBLICITY_LINE = [
  `公示期：${"\u3000".repeat(4)}年${"\u3000".repeat(2)}月${"\u3000".repeat(2)}日至${"\u3000".repeat(4)}年${"\u3000".repeat(2)}月${"\u3000".repeat(2)}日`,
  "（公示期不少于 5 个工作日）",
];
/** Applicants tied on the last place inside the limit (rules.ts decide: the tool does not break ties). */
export const TIE_NOTE = "末位并列，超出名额，由评审委员会决定";

const COMMITTEE_MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 };
/** Quoted text in a formula. */
export const q = text;

export function page(
  area: string,
  orientation: "portrait" | "landscape",
  opts: Partial<PrintLayout> = {},
): PrintLayout {
  return { ...pageSetup({ orientation, area, footer: { center: PAGE_NUMBERS }, margins: COMMITTEE_MARGINS }), ...opts };
}

/** The printed title of the committee pack: award, year and batch from 参数, live. */
export function titleFormula(p: ParametersMap, ruleSet: string, what: string): string {
  const col = p.columns[ruleSet];
  const cell = (k: "awardName" | "year" | "batch") => ext(p.sheet, col, p.rows[k]);
  return `${cell("awardName")}&IF(${cell("year")}="",""," "&${cell("year")}&"年度")&IF(${cell("batch")}="",""," "&${cell("batch")})&${q(` ${what}`)}`;
}

export function titleResult(awardTitle: string, year: number | string, what: string): string {
  return `${awardTitle}${year === "" ? "" : ` ${year}年度`} ${what}`;
}

export function signatures(s: SheetBuilder, row: number, labels: string[], from: string, to: string): number {
  for (const l of labels) {
    s.text(ref(from, row), l, "signLabel");
    s.text(ref(to, row), "", "signLine");
    s.height(row, 28);
    row++;
  }
  return row;
}

export const param = (p: ParametersMap, ruleSet: string, key: keyof ParametersMap["rows"]) =>
  ext(p.sheet, p.columns[ruleSet], p.rows[key]);

/**
 * Printable height (points) of an A4 landscape page of the committee pack: 8.27 in less the 0.6 in margins, less
 * the footer line. Exact for a sheet whose columns fit the page width (printed at 100 %).
 */
export const LANDSCAPE_HEIGHT = (8.27 - 1.2) * 72 - 16;

/**
 * Rows placed one after another on printed pages: where a row (with `keep`, what must stay on its page with it)
 * would not fit, a page break goes before it. The sheet repeats its own header rows after a break (a sheet with two
 * tables cannot use print titles).
 */
export class Pager {
  readonly breaks: number[] = [];
  used = 0;
  constructor(readonly height = LANDSCAPE_HEIGHT) {}
  /** True when a break is needed before a row of `keep` points (never on an empty page). */
  full(keep: number): boolean {
    return this.used > 0 && this.used + keep > this.height;
  }
  breakAt(row: number): void {
    this.breaks.push(row);
    this.used = 0;
  }
  add(height: number): void {
    this.used += height;
  }
}
