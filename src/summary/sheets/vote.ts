// 表决记录表: one block per rule set with a vote rule (四、（七）: 出席不少于三分之二；出席委员三分之二及以上赞成): members,
// present, quorum, per candidate yes / no / abstain and the result, by live formulas.
import { colLetter } from "../../workbook/a1";
import { SheetBuilder } from "../../workbook/sheet-builder";
import type { SheetLayout } from "../../workbook/types";
import { quorumFormula, voteResultFormula } from "../formulas";
import { COMMITTEE_SHEET, type VoteMap } from "../types";
import { abs, page, ref, signatures } from "./shared";
import type { CommitteeContext } from "./context";

export function voteSheet(ctx: CommitteeContext): { sheet: SheetLayout; blocks: VoteMap["blocks"] } {
  const { groups, title, shownRef, fig } = ctx;
  const v = new SheetBuilder("vote", COMMITTEE_SHEET.vote);
  v.columns = [
    { col: "A", width: 6 },
    { col: "B", width: 34 },
    { col: "C", width: 11 },
    { col: "D", width: 8 },
    { col: "E", width: 8 },
    { col: "F", width: 8 },
    { col: "G", width: 20 },
    { col: "H", width: 6, hidden: true },
  ];
  const voteBlocks: VoteMap["blocks"] = [];
  const vBreaks: number[] = [];
  let vrow = 1;
  for (const g of groups) {
    const rule = g.rules.vote;
    if (!rule) continue;
    if (vrow > 1) vBreaks.push(vrow);
    vrow = title(v, vrow, g, "评审委员会表决记录表", "G");
    v.text(ref("A", vrow), `表决规则：${rule.text}`, "note");
    v.merges.push(`A${vrow}:G${vrow}`);
    v.height(vrow, 28);
    vrow += 2;
    v.text(ref("B", vrow), "委员总数", "paramLabel");
    const members = ref("C", vrow);
    v.input(members, null, "inputCount");
    vrow++;
    v.text(ref("B", vrow), "出席人数", "paramLabel");
    const present = ref("C", vrow);
    v.input(present, null, "inputCount");
    vrow++;
    v.text(ref("B", vrow), "出席人数核查", "paramLabel");
    const quorum = ref("C", vrow);
    const M = abs("C", vrow - 2);
    const P = abs("C", vrow - 1);
    v.formula(quorum, quorumFormula(M, P, rule), "", "result");
    v.merges.push(`C${vrow}:G${vrow}`);
    for (const r of [vrow - 2, vrow - 1])
      v.validations.push({
        ref: ref("C", r),
        type: "whole",
        min: 0,
        max: 1000,
        allowBlank: true,
        error: { title: "人数无效", message: "请填写非负整数。" },
      });
    vrow += 2;
    ["序号", "候选者", "综合得分", "赞成", "反对", "弃权", "表决结果"].forEach((h, i) =>
      v.text(ref(colLetter(i + 1), vrow), h, "header"),
    );
    vrow++;
    const rows: { applicant: string; row: number }[] = [];
    const list = g.applicants.filter(({ a }) => a.status === "candidate");
    const first = vrow;
    list.forEach(({ a }, k) => {
      v.value(ref("A", vrow), k + 1, "count");
      v.text(ref("B", vrow), a.applicant, "userText");
      v.formula(ref("C", vrow), shownRef(a.applicant, "finalShown"), fig(a, "finalShown"), "scoreText");
      for (const col of ["D", "E", "F"]) v.input(ref(col, vrow), null, "inputCount");
      const votes = { yes: ref("D", vrow), no: ref("E", vrow), abstain: ref("F", vrow) };
      v.formula(ref("G", vrow), voteResultFormula(M, P, votes, rule), "", "result");
      // Hidden: the passed candidate's place in the 授奖建议名单 (1, 2, … in the order of this record).
      v.formula(ref("H", vrow), `IF(G${vrow}="通过",COUNTIF($G$${first}:G${vrow},"通过"),"")`, "", "text");
      rows.push({ applicant: a.applicant, row: vrow });
      vrow++;
    });
    if (list.length) {
      v.validations.push({
        ref: `D${first}:F${vrow - 1}`,
        type: "whole",
        min: 0,
        max: 1000,
        allowBlank: true,
        error: { title: "票数无效", message: "请填写非负整数。" },
      });
      v.conditionalFormats.push(
        {
          ref: `G${first}:G${vrow - 1}`,
          formula: `G${first}="通过"`,
          fill: "C6EFCE",
          fontColor: "006100",
          priority: 1,
        },
        {
          ref: `G${first}:G${vrow - 1}`,
          formula: `G${first}="未通过"`,
          fill: "FFC7CE",
          fontColor: "9C0006",
          priority: 2,
        },
      );
    } else {
      v.text(ref("B", vrow), "（没有候选者）", "text");
      vrow++;
    }
    vrow++;
    vrow = signatures(v, vrow, ["主持人（评审委员会主任）：", "监票人：", "计票人：", "日期："], "B", "C") + 1;
    voteBlocks.push({
      ruleSet: g.rules.id,
      members,
      present,
      quorum,
      rows,
      columns: { yes: "D", no: "E", abstain: "F", result: "G" },
    });
  }
  if (!voteBlocks.length) v.text("A1", "（没有设定表决规则的奖项）", "note");
  const voteSheet = v.build({
    tabColor: "C00000",
    print: page(`A1:G${Math.max(1, vrow - 1)}`, "portrait"),
    pageBreaks: vBreaks,
    protect: true,
  });
  return { sheet: voteSheet, blocks: voteBlocks };
}
