// What every sheet of the scoring workbook shares: the build context, the page setup, the running header and a few
// labels.
import type { RubricBundle, SetEvaluation } from "../../core";
import type { DefinedNameLayout, HeaderFooterText, InitialValues, PrintLayout, WorkbookMeta } from "../types";
import type { FigureContext } from "../figures";
import { SheetBuilder } from "../sheet-builder";
import type { StyleName } from "../styles";
import type { SheetKey } from "../types";

export const GENERATOR = "Scorebook 0.1.0";

/** An ideographic space (U+3000) separating fields on one line. */
export const GAP = "\u3000\u3000";

/** Everything a sheet builder reads; `names` collects the defined names in the order the sheets add them. */
export interface Ctx {
  bundle: RubricBundle;
  meta: WorkbookMeta;
  initial: InitialValues;
  /** The engine's evaluation of the initial inputs: every cached value of the workbook comes from it. */
  evaluation: SetEvaluation;
  fingerprint: string;
  applicantLine: string;
  stageName: string;
  names: DefinedNameLayout[];
  /** Layout 1 (read back only): every veto item asked 是 / 否, ids printed. */
  legacy: boolean;
  /**
   * How 评分 prints: full (the scoring points beside each item, A4 landscape) or compact (item names only, A4
   * portrait; the scoring points in an appendix of 评分指南). Only widths, heights, hidden columns and the page
   * setup differ: every cell a reader or a formula looks at is where it is in the full layout.
   */
  print: PrintStyle;
}

export type PrintStyle = "full" | "compact";

/** What the figures of this workbook are computed from (figures.ts). */
export function figureContext(ctx: Ctx): FigureContext {
  return {
    bundle: ctx.bundle,
    mode: ctx.meta.mode,
    legacy: ctx.legacy,
    initial: ctx.initial,
    evaluation: ctx.evaluation,
  };
}

/** A sheet builder that only takes the scoring workbook's style names. */
export function builder(key: SheetKey, name: string): SheetBuilder<StyleName> {
  return new SheetBuilder<StyleName>(key, name);
}

/** Header/footer text: "&" is a code character there. */
export function hf(s: string, max = 40): string {
  const t = s.length > max ? `${s.slice(0, max - 1)}…` : s;
  return t.replace(/&/g, "&&");
}

export const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 };
/** The printed page number every Scorebook page carries (Excel codes). */
export const PAGE_NUMBERS = "第 &P 页，共 &N 页";

/** Every printed page: A4, one page wide, the margins above; centred unless `center` is false. */
export function pageSetup(o: {
  orientation: "portrait" | "landscape";
  area: string;
  /** Pages tall (0: as many as needed, the default). */
  fitToHeight?: number;
  /** The header row repeated on every printed page. */
  titleRow?: number;
  header?: HeaderFooterText;
  footer?: HeaderFooterText;
  center?: boolean;
  /** Inches; the margins above by default. */
  margins?: PrintLayout["margins"];
}): PrintLayout {
  return {
    paper: "A4",
    orientation: o.orientation,
    fitToWidth: 1,
    fitToHeight: o.fitToHeight ?? 0,
    area: o.area,
    ...(o.titleRow !== undefined ? { titleRows: { first: o.titleRow, last: o.titleRow } } : {}),
    ...(o.header ? { header: o.header } : {}),
    ...(o.footer ? { footer: o.footer } : {}),
    margins: o.margins ?? MARGINS,
    ...(o.center === false ? {} : { centerHorizontally: true }),
  };
}

/** The running header of the scoring, veto and bonus sheets: the rubric, the applicant and the stage. */
export function runningHeader(ctx: Ctx, title = ctx.bundle.rubric.title.zh): HeaderFooterText {
  return { left: hf(title, 60), right: hf(`${ctx.meta.applicant} · ${ctx.stageName}`) };
}

export function applicantLabel(b: RubricBundle): string {
  return b.rules.applicant === "individual" ? "申报人" : "申报单位";
}

/** Category labels are SUMIF criteria: they must not contain wildcards or start with a comparison operator. */
export function categoryLabel(code: string, name: string): string {
  return `${code} ${name}`;
}

/** The literal text a user supplied, cleaned of control characters (tabs and newlines become spaces). */
export function cleanUserText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}
