// One scoring set (评分表) evaluated from its inputs: every figure and every word any surface shows about it. The
// workbook layout renders this as the cached values of its formulas, `scorebook score` and the task pane show it,
// the in-memory host fills its formula cells from it. Nothing outside src/core recounts an answer or re-derives a
// status: they read this.
import { type Exact } from "./exact";
import { msg, type Message } from "./messages";
import { cellInput, parseYesNo, type RawInput } from "./normalize";
import type { RubricBundle } from "./rubric/registry";
import { bonusPoints } from "./rules";
import { scoreSheet, type CategoryScore, type ItemScore } from "./score";
import { evaluateVetoes, type VetoAnswer, type VetoSummary } from "./veto";

/** What the expert entered, cell by cell, as read from the workbook (or typed into the pane). */
export interface SetInput {
  /**
   * Per item code: the input cell as it holds it (a number in a maturity cell is a fraction: the cell is formatted
   * as a percentage, see cellInput), the band chosen, and the two comments.
   */
  entries?: Record<
    string,
    { value: RawInput; band?: RawInput; strengths?: string; opportunities?: string } | undefined
  >;
  vetoes?: Record<string, VetoAnswer | undefined>;
  /** Layout 1 workbooks asked every veto item 是 / 否: there 是 on a condition means it is not met. */
  legacyYesNo?: boolean;
  bonus?: Record<string, { answer: RawInput; note?: string } | undefined>;
}

/** Short reasons the native check column shows (the engine's full message is ItemEvaluation.message). */
export const CHECK_TEXT = {
  missing: "未评分",
  notNumber: "不是有效的百分比",
  outOfRange: "超出 0%–100%",
  notOnStep: (step: number) => `不是 ${step}% 的整数倍`,
  notInBand: "与所选档次不符",
  pointsNotNumber: "不是有效的分数",
  pointsOutOfRange: "超出本项分值范围",
  pointsNotOnStep: (step: number) => `不是 ${step} 分的整数倍`,
};

/** Which comment a score at the top or the bottom of the scale needs. */
export type CommentNeed = "strengths" | "opportunities";

export interface ItemEvaluation extends ItemScore {
  name: string;
  band: number | null;
  /** The check column's text: "" when ok, else a short reason (CHECK_TEXT). */
  check: string;
  strengths: string;
  opportunities: string;
  /** The comment this score needs (whether or not it is written). */
  comment: CommentNeed | null;
}

/** A review warning: it does not stop a workbook from counting, but the expert should act on it. */
export interface ReviewWarning {
  code: "comment-high" | "comment-low";
  /** The item it is about. */
  item: string;
  /** The comment that is missing. */
  need: CommentNeed;
  /** "1.1 高层领导的作用：成熟度 95% 在最高档：请在“优势”栏写明依据". */
  message: Message;
}

export interface VetoEvaluation extends VetoSummary {
  /** The veto sheet's conclusion: "否决：有 N 项回答为“是”", "尚有 N 项未回答" or "未发现否决事项". */
  conclusion: string;
}

export interface BonusEvaluation {
  conditions: { id: string; text: string; confirmed: boolean; invalid: boolean; note: string }[];
  /** Ids of the conditions answered 是. */
  confirmed: string[];
  /** Ids whose answer is neither yes nor no nor blank. */
  invalid: string[];
  /** The points this sheet suggests under the award's bonus rule (the secretariat decides). */
  points: Exact;
}

export interface SetEvaluation {
  scoring: "maturity" | "points";
  /** The step of the input (percent or points). */
  step: number;
  items: ItemEvaluation[];
  categories: CategoryScore[];
  /** Sum of the valid item scores (missing and invalid items count 0). */
  total: Exact;
  totalPoints: number;
  scored: number;
  itemCount: number;
  missing: string[];
  invalid: string[];
  complete: boolean;
  /** "已完成：全部 N 项已评分" or "未完成：x 项未评分，y 项输入无效" (scoring sheet and cover). */
  status: string;
  vetoes: VetoEvaluation;
  bonus: BonusEvaluation | null;
  warnings: ReviewWarning[];
}

/**
 * The comment a score at the top or the bottom of the scale needs: a maturity in the highest band needs the
 * strengths written down, one in the lowest band the opportunities for improvement; for points rubrics, at least
 * 90 % of the item's points or at most 10 %.
 */
export function commentNeeded(bundle: RubricBundle, value: number, points: number): CommentNeed | null {
  if (bundle.rubric.scoring === "maturity") {
    const bands = [...bundle.scale.bands].sort((a, b) => a.min - b.min);
    if (value >= bands[bands.length - 1].min) return "strengths";
    if (value <= bands[0].max) return "opportunities";
    return null;
  }
  if (value >= points * 0.9) return "strengths";
  if (value <= points * 0.1) return "opportunities";
  return null;
}

function checkText(item: ItemScore, maturity: boolean, step: number): string {
  if (item.status === "ok") return "";
  if (item.status === "missing") return CHECK_TEXT.missing;
  const code = item.message?.code;
  if (maturity) {
    if (code === "not-a-number") return CHECK_TEXT.notNumber;
    if (code === "out-of-range") return CHECK_TEXT.outOfRange;
    if (code === "not-on-step") return CHECK_TEXT.notOnStep(step);
    return CHECK_TEXT.notInBand;
  }
  if (code === "not-a-number") return CHECK_TEXT.pointsNotNumber;
  if (code === "out-of-range") return CHECK_TEXT.pointsOutOfRange;
  return CHECK_TEXT.pointsNotOnStep(step);
}

/** The scoring sheet's status line. */
export function statusText(complete: boolean, itemCount: number, missing: number, invalid: number): string {
  return complete ? `已完成：全部 ${itemCount} 项已评分` : `未完成：${missing} 项未评分，${invalid} 项输入无效`;
}

/**
 * The veto sheet's conclusion (layout 2; its native formula gives the same): flags first, then invalid answers, then
 * unanswered items. Layout 1 said "否决：有 N 项回答为“是”" and knew no invalid answer.
 */
export function vetoConclusion(flagged: number, unanswered: number, invalid = 0, legacy = false): string {
  if (legacy)
    return flagged > 0
      ? `否决：有 ${flagged} 项回答为“是”`
      : unanswered > 0
        ? `尚有 ${unanswered} 项未回答`
        : "未发现否决事项";
  return flagged > 0
    ? `否决标记：有 ${flagged} 项（待质评办核实）`
    : invalid > 0
      ? `有 ${invalid} 项回答无效`
      : unanswered > 0
        ? `尚有 ${unanswered} 项未回答`
        : "未发现否决事项";
}

/** Evaluates one scoring set of a rubric from what the expert entered. */
export function evaluateSet(bundle: RubricBundle, input: SetInput = {}): SetEvaluation {
  const { rubric, scale, rules } = bundle;
  const maturity = rubric.scoring === "maturity";
  const step = maturity ? scale.step : (rubric.pointsStep ?? 0.5);
  const given = input.entries ?? {};
  const entries: Record<string, { value: RawInput; band?: RawInput }> = {};
  for (const item of rubric.items) {
    const e = given[item.code];
    entries[item.code] = { value: cellInput(rubric.scoring, e?.value), band: e?.band };
  }
  const sheet = scoreSheet(rubric, scale, entries);
  const warnings: ReviewWarning[] = [];
  const items = sheet.items.map((r, k): ItemEvaluation => {
    const def = rubric.items[k];
    const e = given[r.code];
    const strengths = (e?.strengths ?? "").trim();
    const opportunities = (e?.opportunities ?? "").trim();
    const comment = r.status === "ok" && r.value !== null ? commentNeeded(bundle, r.value, r.points) : null;
    if (comment && (comment === "strengths" ? strengths : opportunities) === "") {
      const what = commentMessage(maturity, comment, r.value!, r.points);
      warnings.push({
        code: what.code as ReviewWarning["code"],
        item: r.code,
        need: comment,
        message: { code: what.code, zh: `${r.code} ${def.name}：${what.zh}`, en: `${r.code} ${def.name}: ${what.en}` },
      });
    }
    return {
      ...r,
      input: e?.value ?? null,
      name: def.name,
      check: checkText(r, maturity, step),
      strengths,
      opportunities,
      comment,
    };
  });
  const vetoSummary = evaluateVetoes(rules.vetoes, input.vetoes ?? {}, { legacyYesNo: input.legacyYesNo });
  let bonus: BonusEvaluation | null = null;
  if (rules.bonus) {
    const conditions = rules.bonus.conditions.map((c) => {
      const a = input.bonus?.[c.id];
      const parsed = parseYesNo(a?.answer);
      return {
        id: c.id,
        text: c.text,
        confirmed: parsed.kind === "ok" && parsed.value,
        invalid: parsed.kind === "invalid",
        note: (a?.note ?? "").trim(),
      };
    });
    const confirmed = conditions.filter((c) => c.confirmed).map((c) => c.id);
    bonus = {
      conditions,
      confirmed,
      invalid: conditions.filter((c) => c.invalid).map((c) => c.id),
      points: bonusPoints(rules, confirmed),
    };
  }
  return {
    scoring: rubric.scoring,
    step,
    items,
    categories: sheet.categories,
    total: sheet.total,
    totalPoints: rubric.totalPoints,
    scored: sheet.scored,
    itemCount: sheet.itemCount,
    missing: sheet.missing,
    invalid: sheet.invalid,
    complete: sheet.complete,
    status: statusText(sheet.complete, sheet.itemCount, sheet.missing.length, sheet.invalid.length),
    vetoes: {
      ...vetoSummary,
      conclusion: vetoConclusion(
        vetoSummary.flagged.length,
        vetoSummary.unanswered.length,
        vetoSummary.invalid.length,
        !!input.legacyYesNo,
      ),
    },
    bonus,
    warnings,
  };
}

function commentMessage(maturity: boolean, need: CommentNeed, value: number, points: number): Message {
  return maturity
    ? need === "strengths"
      ? msg.commentHighMaturity(value)
      : msg.commentLowMaturity(value)
    : need === "strengths"
      ? msg.commentHighPoints(value, points)
      : msg.commentLowPoints(value, points);
}
