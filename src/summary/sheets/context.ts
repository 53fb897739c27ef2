// What every sheet of the committee pack reads: the references into 汇总, 专家分 and 参数 of one applicant, and the
// printed title of a rule set's block.
import {
  type AggregateResult,
  type ApplicantField,
  type ApplicantResult,
  type RuleSet,
  type StageId,
} from "../../core";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { type PanelsMap, type ParametersMap, type RankingMap } from "../types";
import type { Shown } from "../../workbook/figures";
import { ext, ref, shows, titleFormula, titleResult, type CommitteeGroup } from "./shared";

/** An expert's assignment in a review round (src/round, when it is given): feeds 评审专家评价表's 分配 column. */
export interface Assignment {
  expert: string;
  applicant: string;
  stage: StageId;
  round?: string;
  /** ISO date the workbook was due. */
  due?: string;
}

export interface CommitteeInput {
  groups: CommitteeGroup[];
  result: AggregateResult;
  ranking: RankingMap;
  panels: PanelsMap;
  params: ParametersMap;
  assignments?: readonly Assignment[];
}

export interface CommitteeContext {
  input: CommitteeInput;
  groups: CommitteeGroup[];
  result: AggregateResult;
  params: ParametersMap;
  awardTitle: (rules: RuleSet) => string;
  finalRef: (applicant: string) => string;
  shownRef: (applicant: string, key: "finalShown" | "materialShown") => string;
  /** The figure of an applicant a reference shows, with its cached value. */
  fig: (a: ApplicantResult, field: ApplicantField) => Shown;
  statusRef: (applicant: string) => string;
  rankRef: (applicant: string) => string;
  stageRef: (applicant: string, stage: StageId) => string;
  /** The block's title (live from 参数) and rule set; returns the next row. */
  title: (s: SheetBuilder, row: number, g: CommitteeGroup, what: string, lastCol: string) => number;
}

export function committeeContext(
  input: CommitteeInput,
  awardTitle: (rules: RuleSet) => string,
  year: number,
): CommitteeContext {
  const { groups, result, ranking, panels, params } = input;
  const rankRow = new Map<string, { group: RankingMap["groups"][number]; row: number }>();
  for (const g of ranking.groups) for (const r of g.rows) rankRow.set(r.applicant, { group: g, row: r.row });
  const panelRow = new Map(panels.rows.map((r) => [`${r.applicant}\u0000${r.stage}`, r.row]));
  const finalRef = (applicant: string) => ext(ranking.sheet, ranking.columns.final, rankRow.get(applicant)!.row);
  const shownRef = (applicant: string, key: "finalShown" | "materialShown") =>
    ext(ranking.sheet, ranking.columns[key], rankRow.get(applicant)!.row);
  const fig = (a: ApplicantResult, field: ApplicantField) => shows(result, { applicant: a.applicant, field });
  const statusRef = (applicant: string) => ext(ranking.sheet, ranking.columns.status, rankRow.get(applicant)!.row);
  const rankRef = (applicant: string) => ext(ranking.sheet, ranking.columns.rank, rankRow.get(applicant)!.row);
  const stageRef = (applicant: string, stage: StageId) =>
    ext(panels.sheet, panels.columns.score, panelRow.get(`${applicant}\u0000${stage}`)!);
  const title = (s: SheetBuilder, row: number, g: CommitteeGroup, what: string, lastCol: string) => {
    s.formula(
      ref("A", row),
      titleFormula(params, g.rules.id, what),
      titleResult(awardTitle(g.rules), year, what),
      "bigTitle",
    );
    s.merges.push(`A${row}:${lastCol}${row}`);
    s.height(row, 30);
    s.text(ref("A", row + 1), `（${g.rules.name.zh}）`, "subTitle");
    s.merges.push(`A${row + 1}:${lastCol}${row + 1}`);
    s.height(row + 1, 20);
    return row + 2;
  };
  return {
    input,
    groups,
    result,
    params,
    awardTitle,
    finalRef,
    shownRef,
    fig,
    statusRef,
    rankRef,
    stageRef,
    title,
  };
}
