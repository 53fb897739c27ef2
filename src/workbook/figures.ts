// What a formula cell of the scoring workbook shows, as data: a Figure names one figure of the engine's evaluation
// (an item's score, a subtotal, the status text, ...). The sheet builders give each formula cell its Figure and take
// its cached value from figureValue; the in-memory workbook (tests, preview) keeps the layout and, after an edit,
// asks figureValue again for the new evaluation, so no layout is rebuilt per keystroke and the two cannot differ.
import {
  cellInput,
  cellText,
  checkMaturity,
  parseMaturity,
  parsePoints,
  toNumber,
  ZERO,
  type ItemEvaluation,
  type RawInput,
  type RubricBundle,
  type SetEvaluation,
  type SummaryFigure,
  type VetoResult,
} from "../core";
import type { FormulaMode, InitialValues, Scalar } from "./types";

export type ItemField = "value" | "state" | "canonical" | "score" | "check";
export type SetField =
  | "progress"
  | "total"
  | "missing"
  | "invalid"
  | "status"
  | "vetoConclusion"
  | "vetoUnanswered"
  | "bonusCount"
  | "bonusPoints";

export type Figure =
  | { item: string; field: ItemField }
  | { category: string; field: "progress" | "score" }
  | { set: SetField }
  /** A veto item's state as layout 2's hidden state column reads its answer (VETO_STATE). */
  | { veto: string };

/** What figureValue reads: the rubric, the formula mode, the reviewer's inputs and their one evaluation. */
export interface FigureContext {
  bundle: RubricBundle;
  mode: FormulaMode;
  /** Layout 1 (read back only): the veto conclusion is worded as its formula words it. */
  legacy: boolean;
  initial: InitialValues;
  evaluation: SetEvaluation;
}

/** A formula's cached value together with the figure it shows (SheetBuilder.formula takes either). */
export interface Shown {
  result: Scalar;
  shows: Figure | SummaryFigure;
}

/** Whether a figure is a scoring set's (not the summary's). */
export function isSetFigure(f: Figure | SummaryFigure): f is Figure {
  return !("applicant" in f);
}

export function show(fc: FigureContext, f: Figure): Shown {
  return { result: figureValue(fc, f), shows: f };
}

function num(x: ItemEvaluation["score"]): number | "" {
  return x === null ? "" : toNumber(x);
}

/** The cached value of the hidden "value" helper: what the native formula gives for the input. */
function valueResult(maturity: boolean, raw: RawInput): Scalar {
  const p = maturity ? parseMaturity(cellInput("maturity", raw)) : parsePoints(raw);
  if (p.kind === "missing") return "";
  if (p.kind === "invalid") return "#";
  return p.value;
}

/** The cached value of the hidden "canonical" helper (see canonicalFormula). */
function canonicalResult(maturity: boolean, raw: RawInput): Scalar {
  if (raw === null || raw === undefined || raw === "") return "";
  if (typeof raw === "number") return maturity ? cellInput("maturity", raw)! : raw;
  return typeof raw === "boolean" ? (raw ? "TRUE" : "FALSE") : cellText(raw);
}

/**
 * The cached check text: the engine's short reason (native formulas); in custom mode, what QA.CHECK says for the
 * canonical text it is given.
 */
function checkResult(fc: FigureContext, item: ItemEvaluation, raw: RawInput, band: Scalar): string {
  const { bundle } = fc;
  if (fc.mode !== "custom" || bundle.rubric.scoring !== "maturity" || item.status !== "invalid") return item.check;
  return checkMaturity(bundle.scale, canonicalResult(true, raw), band).message?.zh ?? item.check;
}

/** The value a formula cell shows for this evaluation: its cached value in a written workbook. */
export function figureValue(fc: FigureContext, f: Figure): Scalar {
  const ev = fc.evaluation;
  const maturity = fc.bundle.rubric.scoring === "maturity";
  if ("item" in f) {
    const k = fc.bundle.rubric.items.findIndex((i) => i.code === f.item);
    const res = ev.items[k];
    const init = fc.initial.entries?.[f.item];
    const raw = init?.value;
    switch (f.field) {
      case "value":
        return valueResult(maturity, raw);
      case "state":
        return res.status;
      case "canonical":
        return canonicalResult(maturity, raw);
      case "score":
        return num(res.score);
      case "check":
        return checkResult(fc, res, raw, init?.band ?? null);
    }
  }
  if ("veto" in f) return vetoStateOf(ev.vetoes.items.find((x) => x.id === f.veto)!);
  if ("category" in f) {
    const items = ev.items.filter((i) => i.category === f.category);
    if (f.field === "progress") return `已评 ${items.filter((i) => i.status === "ok").length} / ${items.length} 项`;
    return toNumber(ev.categories.find((c) => c.code === f.category)!.score);
  }
  switch (f.set) {
    case "progress":
      return `已评 ${ev.scored} / ${ev.itemCount} 项`;
    case "total":
      return toNumber(ev.total);
    case "missing":
      return ev.missing.length;
    case "invalid":
      return ev.invalid.length;
    case "status":
      return ev.status;
    case "vetoConclusion":
      return ev.vetoes.conclusion;
    case "vetoUnanswered":
      return ev.vetoes.unanswered.length;
    case "bonusCount":
      return ev.bonus?.confirmed.length ?? 0;
    case "bonusPoints":
      return toNumber(ev.bonus?.points ?? ZERO);
  }
}

/**
 * Layout 2's hidden state column (right of the ids): how the sheet reads each answer, as the engine does
 * (parseVetoAnswer, VETO_WORDS): 否决标记, 有效, 未回答 or 无效. The conclusion, the unanswered count and the answer
 * cell's colour are counted from it.
 */
export const VETO_STATE = { flag: "否决标记", ok: "有效", blank: "未回答", invalid: "无效" } as const;

function vetoStateOf(r: VetoResult): string {
  if (r.flagged) return VETO_STATE.flag;
  if (r.answered) return VETO_STATE.ok;
  return r.message?.code === "veto-unanswered" ? VETO_STATE.blank : VETO_STATE.invalid;
}
