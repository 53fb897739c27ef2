// What the secretariat hands the committee, as sheets of the summary workbook (all layout data, rendered by the same
// writers as the rest of the summary):
//   得分图            the final scores against the nomination line, per rule set (the chart's data; the CLI adds a
//                     drawing to the file with src/xlsx/chart.ts, the task pane an Office.js chart)
//   合议清单          the divergent items grouped by applicant and stage, on as many pages as they take
//   公示名单（现场评审） the applicants advancing after the material review (四、（四）5: 公示期不少于 5 个工作日)
//   授奖候选名单        the candidate list for the committee (四、（六）3), in ranking order; not publicised
//   授奖建议名单        after the vote (四、（七）2, （八）1): the candidates the 表决记录表 passes, live, with the 公示 line
//   表决记录表        members, present, quorum, per candidate yes / no / abstain and the result under the rule set's
//                     vote rule (四、（七）: 出席不少于三分之二；出席委员三分之二及以上赞成), by live formulas
//   评审专家评价表     per expert: workbooks assigned (when the round's assignments are given) and counted, mean
//                     deviation from the panel and z-score (a diagnostic), divergent items, the group leader's rating
//   报告数据 (very hidden) what `scorebook report` reads back: stage scores, final and status as live references,
//                     the category and item breakdown as the engine computed it.
// Each sheet is built in a file of its own (src/summary/sheets/); this file puts them together in the pack's order.
// Pure TypeScript.
import { committeeVote, type RuleSet } from "../core";
import type { SheetLayout } from "../workbook/types";
import type { CommitteeMap } from "./types";
import { advanceListSheet } from "./sheets/advance-list";
import { awardListSheet } from "./sheets/award-list";
import { candidateListSheet } from "./sheets/candidate-list";
import { chartSheet } from "./sheets/chart";
import { consensusListSheet } from "./sheets/consensus-list";
import { committeeContext, type CommitteeInput } from "./sheets/context";
import { expertReviewSheet } from "./sheets/expert-review";
import { reportDataSheet } from "./sheets/report-data";
import { voteSheet } from "./sheets/vote";

export { COMMITTEE_SHEET, type ChartMap, type CommitteeMap, type ReportDataMap, type VoteMap } from "./types";
export type { Assignment, CommitteeInput } from "./sheets/context";
export type { CommitteeGroup } from "./sheets/shared";
export { COMMITTEE_STYLES } from "./sheets/styles";
export { titleFormula, titleResult } from "./sheets/shared";
export { rankingFoot, rankingHead } from "./sheets/ranking";

export function committeeSheets(input: CommitteeInput, awardTitle: (rules: RuleSet) => string, year: number) {
  const ctx = committeeContext(input, awardTitle, year);
  const { result } = ctx;
  const chart = chartSheet(ctx);
  const clSheet = consensusListSheet(ctx);
  const advance = advanceListSheet(ctx);
  const candidates = candidateListSheet(ctx);
  const vote = voteSheet(ctx);
  const award = awardListSheet(ctx, vote.blocks, vote.sheet);
  const expert = expertReviewSheet(ctx);
  const dataSheet = reportDataSheet(ctx);

  const sheets: SheetLayout[] = [
    chart.sheet,
    clSheet,
    advance.sheet,
    candidates.sheet,
    vote.sheet,
    award.sheet,
    expert.sheet,
  ];
  const map: CommitteeMap = {
    chart: { sheet: chart.sheet.name, series: chart.series },
    vote: { sheet: vote.sheet.name, blocks: vote.blocks },
    reportData: { sheet: dataSheet.name },
    consensusList: { sheet: clSheet.name, rows: result.divergences.length },
    advanceList: { sheet: advance.sheet.name, rows: advance.count },
    candidateList: { sheet: candidates.sheet.name, rows: candidates.count },
    awardList: { sheet: award.sheet.name, blocks: award.blocks },
    expertReview: { sheet: expert.sheet.name, rows: expert.rows },
  };
  return { sheets, dataSheet, map };
}

/** The engine's verdict for a vote block's row (tests compare the recalculated formulas with it). */
export function voteVerdict(
  rules: RuleSet,
  yes: number,
  no: number,
  abstain: number,
  present: number,
  members: number,
) {
  const v = committeeVote(rules, yes, present, members);
  if (!v) return "本奖项未规定表决规则";
  // An impossible count is named as such, not taken for a failed quorum.
  if (present > members) return "人数有误";
  if (!v.quorum) return "会议无效";
  if (yes + no + abstain > present) return "票数多于出席人数";
  return v.approved ? "通过" : "未通过";
}
