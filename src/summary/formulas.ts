// The summary's native formulas for what a person reads, written once (beside src/workbook/formulas.ts for the
// scoring workbook). Each mirrors a rule of src/core and is checked against it after LibreOffice and Gnumeric
// recalculate (test/summary/display-engines.test.ts). The display rule's formula (shownFormula) lives in
// src/workbook/display.ts, which the consensus workbook uses too.
import {
  PANEL_METHOD_TEXT,
  rankingField,
  SHEET_PLACES,
  STATUS_TEXT,
  VETO_DECISION_TEXT,
  VETO_STATUSES,
  WOULD_BE_RANK_NOTE,
  type RunStage,
  type Status,
} from "../core";
import type { FormulaMode } from "../workbook/types";

export { placesFormula, shownFormula } from "../workbook/display";

/** A cell's number, 0 when it is blank or text: N() without Gnumeric's #NUM! on an empty cell. */
export function numberOr0(x: string): string {
  return `IF(ISNUMBER(${x}),${x},0)`;
}

/**
 * A threshold cell as QA.STATUS's argument: the number when one above 0 is set, else "无" (no line) — in the
 * summary a blank or 0 threshold means none, while QA.STATUS reads a blank or 0 as the rule set's line.
 */
export function lineOrNone(x: string): string {
  return `IF(ISNUMBER(${x}),IF(${x}>0,${x},"无"),"无")`;
}

// ---------------------------------------------------------------------------------------------------------------
// The rules of the aggregation (src/core/aggregate.ts, rules.ts, panel.ts) as the summary's native formulas, each
// written once here; the cells that hold them name the figure they show (src/core/summary-figures.ts), and
// test/summary/libreoffice.test.ts recalculates them against the engine.

const quoted = (v: string) => `"${v.replace(/"/g, '""')}"`;
const ST = (s: Status) => quoted(STATUS_TEXT[s].zh);

/** 参数's cells of one rule set. */
export interface RuleCells {
  ruleSet: string;
  materialWeight: string;
  onsiteWeight: string;
  method: string;
  advance: string;
  final: string;
  topN: string;
}

/** One row of 汇总: its input and helper cells. */
export interface RankingCells {
  material: string;
  onsite: string;
  bonus: string;
  public: string;
  final: string;
  veto: string;
  rank: string;
  preStatus: string;
  excluded: string;
  flagged: string;
}

/** How a block of 汇总 is computed: the formula mode, the run, and whether the rule set adds public satisfaction. */
export interface RankingMode {
  mode: FormulaMode;
  materialRun: boolean;
  needsPublic: boolean;
}

/** A panel's score (panel.ts combine): the rule set's method over the experts' totals; blank without any. */
export function panelScoreFormula(range: string, count: string, method: string, mode: FormulaMode): string {
  const combine =
    mode === "custom"
      ? `QA.PANEL(${range},${method},COUNT(${range}))` // COUNT: the same answer on every host (functions.ts)
      : `IF(${method}=${quoted(PANEL_METHOD_TEXT.median.zh)},MEDIAN(${range}),IF(AND(${method}=${quoted(PANEL_METHOD_TEXT.trimmed.zh)},${count}>=3),(SUM(${range})-MAX(${range})-MIN(${range}))/(${count}-2),AVERAGE(${range})))`;
  return `IF(${count}=0,"",ROUND(${combine},${SHEET_PLACES}))`;
}

/**
 * The final score (aggregate.ts): weighted stages plus bonus and public satisfaction; blank without a stage, without
 * public satisfaction where the rule set adds it, or below the advance line (the stage gate). In a material-stage
 * run, the material score.
 */
export function finalFormula(c: RankingCells, p: RuleCells, m: RankingMode): string {
  const D = c.material;
  const F = c.onsite;
  if (m.materialRun) return `IF(${D}="","",${D})`;
  const gate = `AND(ISNUMBER(${p.advance}),${D}<${p.advance})`;
  const blanks = m.needsPublic ? `OR(${D}="",${F}="",${c.public}="",${gate})` : `OR(${D}="",${F}="",${gate})`;
  return m.mode === "custom"
    ? `IF(${blanks},"",ROUND(QA.FINAL(${D},${F},${blankSafe(c.bonus)},${blankSafe(c.public)},${p.materialWeight}),${SHEET_PLACES}))`
    : `IF(${blanks},"",ROUND(${D}*${p.materialWeight}+${F}*${p.onsiteWeight}+${numberOr0(c.bonus)}+${numberOr0(c.public)},${SHEET_PLACES}))`;
}

/** The status before the top-N limit (rules.ts decide): veto, pending flag, missing stages, lines. */
export function preStatusFormula(c: RankingCells, p: RuleCells, m: RankingMode): string {
  const { material: D, onsite: F, final: I, veto: J } = c;
  const pending = `AND(${c.flagged}=TRUE,${J}<>${quoted(VETO_DECISION_TEXT.confirmed.zh)},${J}<>${quoted(VETO_DECISION_TEXT.cleared.zh)})`;
  const confirmed = `${J}=${quoted(VETO_DECISION_TEXT.confirmed.zh)}`;
  const thresholdsF = `IF(AND(${p.advance}<>"",${D}<${p.advance}),${ST("not-advanced")},`;
  if (m.materialRun)
    return `IF(${confirmed},${ST("vetoed")},IF(${pending},${ST("veto-flagged")},IF(${D}="",${ST("incomplete")},${thresholdsF}${ST("advances")}))))`;
  if (m.mode === "custom") {
    // "zh": this sheet's own formulas compare the verdict with its Chinese text, whatever Office's language.
    const status = `QA.STATUS(${I},${D},${confirmed},${p.ruleSet},${lineOrNone(p.advance)},${lineOrNone(p.final)},"zh")`;
    return m.needsPublic
      ? `IF(${pending},${ST("veto-flagged")},IF(AND(${c.public}="",${F}<>"",${status}=${ST("no-onsite")}),${ST("no-public")},${status}))`
      : `IF(${pending},${ST("veto-flagged")},${status})`;
  }
  const publicF = m.needsPublic ? `IF(${c.public}="",${ST("no-public")},` : "";
  return `IF(${confirmed},${ST("vetoed")},IF(${pending},${ST("veto-flagged")},IF(${D}="",${ST("incomplete")},${thresholdsF}IF(${F}="",${ST("no-onsite")},${publicF}IF(NOT(ISNUMBER(${p.final})),${ST("ranked")},IF(${I}<${p.final},${ST("below-threshold")},${ST("candidate")}))${m.needsPublic ? ")" : ""})))))`;
}

/** TRUE when the row does not compete for a rank in this run (rules.ts inRankingField). */
export function excludedFormula(c: RankingCells, stage: RunStage): string {
  return `NOT(OR(${rankingField(stage)
    .map((s) => `${c.preStatus}=${ST(s)}`)
    .join(",")}))`;
}

const vetoedFormula = (c: RankingCells) => `OR(${VETO_STATUSES.map((s) => `${c.preStatus}=${ST(s)}`).join(",")})`;

/**
 * The rank among the block's rows that compete (rules.ts rank: ties share a rank); a vetoed row gets the rank it
 * would have had. `finals` and `excluded` are the block's absolute ranges.
 */
export function rankFormula(c: RankingCells, finals: string, excluded: string, mode: FormulaMode): string {
  const rankOf =
    mode === "custom"
      ? `QA.RANK(${c.final},${finals},${excluded})`
      : `SUMPRODUCT((${excluded}=FALSE)*(${finals}>${c.final}))+1`;
  return `IF(OR(${c.final}="",AND(${c.excluded},NOT(${vetoedFormula(c)}))),"",${rankOf})`;
}

/** The status after the top-N limit (超出名额 for a candidate ranked past N). */
export function statusFormula(c: RankingCells, p: RuleCells, materialRun: boolean): string {
  if (materialRun) return c.preStatus;
  return `IF(AND(${c.preStatus}=${ST("candidate")},${p.topN}<>"",${c.rank}<>""),IF(${c.rank}>${p.topN},${ST("over-limit")},${c.preStatus}),${c.preStatus})`;
}

/** The note beside the rank a vetoed (or pending) applicant would have had. */
export function rankNoteFormula(c: RankingCells): string {
  return `IF(AND(${vetoedFormula(c)},${c.rank}<>""),${quoted(WOULD_BE_RANK_NOTE)},"")`;
}

/**
 * An input cell as a QA.* argument that reads the same on every host: desktop Excel passes an empty cell to a custom
 * function as 0, the web as blank; IF(ISBLANK(…),"",…) passes "" on both (src/functions/functions.ts).
 */
export function blankSafe(cell: string): string {
  return `IF(ISBLANK(${cell}),"",${cell})`;
}

// ---------------------------------------------------------------------------------------------------------------
// The committee's vote (rules.ts committeeVote, the words of committee.ts voteVerdict), on 表决记录表.

/** A vote rule's fractions: the quorum of members present and the approval of those present. */
export interface VoteFractions {
  quorum: { numerator: number; denominator: number };
  approval: { numerator: number; denominator: number };
}

/** TRUE when `present` of `members` make a quorum (and the count is possible). */
function quorumOk(members: string, present: string, v: VoteFractions): string {
  return `AND(${members}>0,${present}<=${members},${present}*${v.quorum.denominator}>=${members}*${v.quorum.numerator})`;
}

/** 出席人数核查: blank until both counts are in; an impossible count named as such; else the quorum's verdict. */
export function quorumFormula(members: string, present: string, v: VoteFractions): string {
  const q = `${v.quorum.numerator}/${v.quorum.denominator}`;
  return `IF(OR(${members}="",${present}=""),"",IF(${present}>${members},"出席人数多于委员总数，请核对",IF(${quorumOk(members, present, v)},"符合（不少于 ${q}）","不足 ${q}，会议无效")))`;
}

/** 表决结果 of one candidate, in voteVerdict's words: 人数有误, 会议无效, 票数多于出席人数, 通过 or 未通过. */
export function voteResultFormula(
  members: string,
  present: string,
  votes: { yes: string; no: string; abstain: string },
  v: VoteFractions,
): string {
  const { yes, no, abstain } = votes;
  const approved = `AND(${present}>0,${yes}<=${present},${yes}*${v.approval.denominator}>=${present}*${v.approval.numerator})`;
  return `IF(OR(${members}="",${present}="",${yes}=""),"",IF(${present}>${members},"人数有误",IF(NOT(${quorumOk(members, present, v)}),"会议无效",IF(${yes}+${numberOr0(no)}+${numberOr0(abstain)}>${present},"票数多于出席人数",IF(${approved},"通过","未通过")))))`;
}
