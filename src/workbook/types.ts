// The renderer-neutral description of a scoring workbook (评分表). Plain data only: src/xlsx/write.ts renders it
// with ExcelJS into an .xlsx file, the task pane renders the same data with Office.js into the live workbook.
//
// Conventions shared by every renderer:
// - Cell references are A1 style without "$" and without a sheet ("G5"), ranges "G5:G27".
// - A cell has either `value` or `formula`. A string `value` is literal text, never a formula, even when it starts
//   with "=", "+", "-" or "@" (user-supplied names): Office.js renderers must write such cells with the text number
//   format "@" set first (every user-text cell carries a style whose numFmt is "@").
// - `formula` is en-US syntax without the leading "=" (comma argument separator), as stored in OOXML. Office.js:
//   range.formulas = "=" + formula. No function used here needs an `_xlfn.` prefix.
// - `result` is the value the engine computed for a formula cell; writers store it as the cached value so that the
//   file shows the right numbers before any recalculation. "" means an empty-text result.
// - Colours are "RRGGBB" hex without "#". Column widths are Excel character units; row heights are points.
import type { Lang, StageId } from "../core";

/** Bumped whenever the position or meaning of a cell changes; stored in the metadata sheet. */
/** 2: veto items asked as they read (符合/不符合, 是/否, 不适用), no ids on printed pages. */
export const LAYOUT_VERSION = "2";
/** Layout versions interpret() reads: 1 is read with its own veto sheet (there 是 on a condition meant 不符合). */
export const READABLE_LAYOUT_VERSIONS: readonly string[] = ["1", "2"];

export type FormulaMode = "custom" | "native";
export type SheetKey =
  | "cover"
  | "scoring"
  | "vetoes"
  | "bonus"
  | "guide"
  | "meta"
  // The secretariat's summary workbook (src/summary): 汇总, 参数, 专家分, 明细, 问题, 反馈.
  | "ranking"
  | "parameters"
  | "panels"
  | "details"
  | "problems"
  | "feedback"
  // The consensus workbook (合议表) and the committee pack sheets of the summary (src/summary/committee.ts).
  | "consensus"
  | "consensusList"
  | "advanceList"
  | "candidateList"
  | "awardList"
  | "vote"
  | "expertReview"
  | "reportData"
  | "chart"
  // The secretariat's round workbook (src/round): 说明, 申报者, 专家库, 回避, 参数, 分组, 抽取记录.
  | "round";
/** Office.js: Excel.SheetVisibility "Visible" | "Hidden" | "VeryHidden". */
export type Visibility = "visible" | "hidden" | "veryHidden";
export type Scalar = string | number | boolean | null;

export interface FontStyle {
  name?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Points. */
  size?: number;
  color?: string;
}

export type BorderWeight = "thin" | "medium";

export interface BorderStyle {
  top?: BorderWeight;
  bottom?: BorderWeight;
  left?: BorderWeight;
  right?: BorderWeight;
  color?: string;
}

/** A named cell style (layout.styles[name]). */
export interface CellStyle {
  font?: FontStyle;
  /** Solid fill colour. */
  fill?: string;
  border?: BorderStyle;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle" | "bottom";
  wrap?: boolean;
  indent?: number;
  /** Excel number format code ("0%", "0.00", "@" for text, "yyyy-mm-dd"). */
  numFmt?: string;
}

import type { SummaryFigure } from "../core";
import type { Figure } from "./figures";

export interface CellLayout {
  ref: string;
  value?: Scalar;
  formula?: string;
  result?: Scalar;
  /**
   * The figure this formula shows: of a scoring set's evaluation (its result is figureValue of it), or of the
   * aggregation in the summary workbook (summaryFigureValue in src/core/summary-figures.ts).
   */
  shows?: Figure | SummaryFigure;
  /** Key into WorkbookLayout.styles. */
  style?: string;
  /** Cell protection; default true (locked). Input, comment and veto cells are false. */
  locked?: boolean;
}

export interface ColumnLayout {
  /** Column letter. */
  col: string;
  /** Excel character units. */
  width: number;
  hidden?: boolean;
}

export interface RowLayout {
  row: number;
  /** Points. */
  height: number;
}

export interface ValidationMessage {
  /** At most 32 characters (Excel). */
  title: string;
  /** At most 255 characters (Excel). */
  message: string;
}

/**
 * A data validation over `ref`. list: an inline list (joined with "," its source is at most 255 characters);
 * decimal/whole: min ≤ x ≤ max; date: any date. errorStyle is always "stop".
 */
export interface ValidationLayout {
  ref: string;
  type: "list" | "decimal" | "whole" | "date";
  list?: string[];
  min?: number;
  max?: number;
  allowBlank: boolean;
  error: ValidationMessage;
  prompt?: ValidationMessage;
}

/**
 * A conditional format over `ref`: `formula` (no "=") is evaluated relative to the top-left cell of ref, with "$"
 * fixing columns as in Excel. Office.js: conditionalFormats.add("Custom"), rule.formula = "=" + formula.
 */
export interface ConditionalFormatLayout {
  ref: string;
  formula: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  /** 1 is evaluated first. */
  priority: number;
}

export interface ProtectionLayout {
  /** Undefined: protected without a password (the reviewer can unprotect; tampering is caught by `score`). */
  password?: string;
  allowFormatColumns: boolean;
  allowFormatRows: boolean;
}

export interface HeaderFooterText {
  left?: string;
  center?: string;
  right?: string;
}

/** Page setup. Header/footer strings use Excel codes (&P page, &N pages); a literal "&" is written "&&". */
export interface PrintLayout {
  paper: "A4";
  orientation: "portrait" | "landscape";
  /** Pages wide / tall to fit to; 0 = as many as needed. */
  fitToWidth: number;
  fitToHeight: number;
  area: string;
  /** Rows repeated at the top of every printed page, e.g. { first: 4, last: 4 }. */
  titleRows?: { first: number; last: number };
  header?: HeaderFooterText;
  footer?: HeaderFooterText;
  /** Inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  centerHorizontally?: boolean;
}

/**
 * A chart over a block of the sheet: `data` is a header row then one row per category; its first column holds the
 * categories, the second the values drawn as columns, the third (optional) the values drawn as a line (e.g. a
 * threshold). xlsx: src/xlsx/chart.ts adds the drawing and chart parts; Office.js: worksheet.charts.add (ExcelApi 1.7).
 */
export interface ChartLayout {
  title: string;
  data: string;
  /** Top-left and bottom-right cells the chart covers ("E4", "M22"). */
  from: string;
  to: string;
}

export interface SheetLayout {
  key: SheetKey;
  /** The sheet's (Chinese) name. */
  name: string;
  visibility: Visibility;
  tabColor?: string;
  columns: ColumnLayout[];
  rows: RowLayout[];
  cells: CellLayout[];
  merges: string[];
  validations: ValidationLayout[];
  conditionalFormats: ConditionalFormatLayout[];
  /** Rows / columns frozen at the top / left. */
  freeze?: { rows: number; columns: number };
  protection: ProtectionLayout | null;
  print?: PrintLayout;
  /** Rows that start a new printed page (manual page breaks). Office.js: horizontalPageBreaks.add(row). */
  pageBreaks?: number[];
  showGridLines: boolean;
  charts?: ChartLayout[];
}

/** A workbook-scope defined name over a range of one sheet. Office.js: names.add(name, "='sheet'!$A$1:$A$9"). */
export interface DefinedNameLayout {
  name: string;
  sheet: string;
  /** Absolute reference ("$D$5:$D$27"). */
  ref: string;
}

/** What the workbook is about; everything a returned file must be traced back to. */
export interface WorkbookMeta {
  applicant: string;
  expert: string;
  stage: StageId;
  mode: FormulaMode;
  /** ISO 8601 time the workbook was generated. */
  createdAt: string;
  lang?: Lang;
  /** The layout version to build (default LAYOUT_VERSION; "1" to read a workbook generated before). */
  layoutVersion?: string;
  /** The review round (评审批次, `scorebook round generate`); written into the metadata when given. */
  roundId?: string;
}

/** Where each piece of the scoring sheet is: what renderers, interpret.ts and the task pane need to find cells. */
export interface ScoringMap {
  sheet: string;
  headerRow: number;
  firstItemRow: number;
  lastItemRow: number;
  /** Column letters. band is absent for points rubrics. */
  columns: {
    code: string;
    category: string;
    name: string;
    points: string;
    guidance: string;
    band?: string;
    input: string;
    score: string;
    check: string;
    strengths: string;
    opportunities: string;
    /**
     * Hidden helpers: the input read as a number (percent or points); ok / missing / invalid; and the input as the
     * QA.* functions are given it (a number in a maturity cell as percent text, "45%", so that they read it as the
     * workbook does).
     */
    value: string;
    state: string;
    canonical: string;
  };
  items: { code: string; row: number }[];
  categories: { code: string; label: string; row: number }[];
  totalRow: number;
  /** Cells of the summary block. */
  total: string;
  totalPoints: string;
  missing: string;
  invalid: string;
  status: string;
  signatureRow: number;
}

export interface VetoMap {
  sheet: string;
  /** state: layout 2's hidden column reading each answer as the engine does (否决标记 / 有效 / 未回答 / 无效). */
  columns: { id: string; answer: string; note: string; state?: string };
  rows: { id: string; row: number }[];
  flag: string;
  unanswered: string;
}

export interface BonusMap {
  sheet: string;
  columns: { id: string; answer: string; note: string };
  rows: { id: string; row: number }[];
  count: string;
}

export interface CoverMap {
  sheet: string;
  applicant: string;
  expert: string;
  stage: string;
  date: string;
  declaration: string;
  declarationNote: string;
  total: string;
}

export interface MetaMap {
  sheet: string;
  /** Keys in column A, values in column B, from row 1. */
  rows: { key: MetaKey; row: number }[];
}

export type MetaKey =
  | "format"
  | "layoutVersion"
  | "rubricId"
  | "rubricFingerprint"
  | "award"
  | "scale"
  | "scoring"
  | "mode"
  | "applicant"
  | "expert"
  | "stage"
  | "createdAt"
  | "generator"
  | "itemCount"
  | "seal"
  | "roundId"
  | "awardVersion";

export interface LayoutMap {
  cover: CoverMap;
  scoring: ScoringMap;
  vetoes: VetoMap;
  bonus: BonusMap | null;
  meta: MetaMap;
}

/**
 * What a renderer needs to put a workbook on paper or into Excel: document properties, named styles, sheets and
 * defined names. The scoring workbook (WorkbookLayout) and the secretariat's summary (src/summary) both are one.
 */
export interface RenderableLayout {
  properties: { title: string; subject: string; creator: string; created: string; keywords: string };
  styles: Record<string, CellStyle>;
  sheets: SheetLayout[];
  names: DefinedNameLayout[];
}

export interface WorkbookLayout {
  layoutVersion: string;
  rubricId: string;
  fingerprint: string;
  meta: WorkbookMeta;
  properties: { title: string; subject: string; creator: string; created: string; keywords: string };
  styles: Record<string, CellStyle>;
  sheets: SheetLayout[];
  names: DefinedNameLayout[];
  map: LayoutMap;
}

/** Values already in the workbook (the task pane re-rendering, tests, sample files). Keys are item codes / ids. */
export interface InitialValues {
  entries?: Record<string, { value: Scalar; band?: Scalar; strengths?: string; opportunities?: string }>;
  vetoes?: Record<string, { answer: Scalar; note?: string }>;
  bonus?: Record<string, { answer: Scalar; note?: string }>;
  declaration?: { answer: Scalar; note?: string };
  date?: string;
}
