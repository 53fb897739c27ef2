// 评审专家评价表: per expert, workbooks assigned (when the round's assignments are given) and counted, mean deviation
// from the panel and z-score (a diagnostic), divergent items, the group leader's rating.
import { expertStats, nameKey } from "../../core";
import { colLetter } from "../../workbook/a1";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../../workbook/text";
import type { SheetLayout } from "../../workbook/types";
import { COMMITTEE_SHEET } from "../types";
import { page, ref, signatures } from "./shared";
import type { CommitteeContext } from "./context";

export function expertReviewSheet(ctx: CommitteeContext): {
  sheet: SheetLayout;
  rows: { expert: string; row: number }[];
} {
  const { input, result } = ctx;
  const e = new SheetBuilder("expertReview", COMMITTEE_SHEET.expertReview);
  e.columns = [
    { col: "A", width: 6 },
    { col: "B", width: 14 },
    { col: "C", width: 9 },
    { col: "D", width: 9 },
    { col: "E", width: 9 },
    { col: "F", width: 12 },
    { col: "G", width: 10 },
    { col: "H", width: 10 },
    { col: "I", width: 12 },
    { col: "J", width: 26 },
  ];
  e.text("A1", "评审专家评价表", "bigTitle");
  e.merges.push("A1:J1");
  e.height(1, 30);
  const enote =
    "平均偏差：专家总分与所在专家组平均分之差的平均（分）；z 值：在各专家组内的标准分的平均，仅作诊断参考（专家组得分按奖项规则合成）。分歧项目：该专家的评分为分歧项目中的最高或最低。分配数来自评审轮次的分配表（未提供时为“—”）。组长评价由评审专家组组长填写。";
  e.text("A2", enote, "note");
  e.merges.push("A2:J2");
  e.height(2, rowHeight(wrappedLines(enote, 110, 9), 9));
  [
    "序号",
    "评审专家",
    "分配",
    "交回计入",
    "专家组数",
    "平均偏差（分）",
    "z 值",
    "分歧项目",
    "组长评价",
    "说明",
  ].forEach((h, i) => e.text(ref(colLetter(i + 1), 3), h, "header"));
  e.height(3, 30);
  const stats = expertStats(result.used, result.divergences, nameKey);
  const assigned = new Map<string, number>();
  for (const a of input.assignments ?? []) assigned.set(nameKey(a.expert), (assigned.get(nameKey(a.expert)) ?? 0) + 1);
  const erows: { expert: string; row: number }[] = [];
  stats.forEach((st, k) => {
    const row = 4 + k;
    erows.push({ expert: st.expert, row });
    e.value(ref("A", row), k + 1, "count");
    e.text(ref("B", row), st.expert, "userText");
    const n = assigned.get(nameKey(st.expert));
    if (input.assignments) e.value(ref("C", row), n ?? 0, "count");
    else e.text(ref("C", row), "—", "text");
    e.value(ref("D", row), st.returned, "count");
    e.value(ref("E", row), st.panels, "count");
    e.value(ref("F", row), st.meanDeviation === null ? null : Number(st.meanDeviation.toFixed(2)), "decimal");
    e.value(ref("G", row), st.meanZ === null ? null : Number(st.meanZ.toFixed(2)), "decimal");
    e.value(ref("H", row), st.divergentItems, "count");
    e.input(ref("I", row), null, "inputChoice");
    e.input(ref("J", row), null, "longText");
  });
  const elast = 3 + Math.max(1, stats.length);
  if (stats.length)
    e.validations.push({
      ref: `I4:I${elast}`,
      type: "list",
      list: ["优秀", "良好", "合格", "不合格"],
      allowBlank: true,
      error: { title: "评价无效", message: "请选择优秀、良好、合格或不合格。" },
    });
  else e.text("B4", "（没有计入的评分表）", "text");
  const erow = signatures(e, elast + 2, ["评审专家组组长签名：", "日期："], "B", "D");
  const expertSheet = e.build({
    tabColor: "7030A0",
    print: page(`A1:J${erow - 1}`, "landscape", { titleRows: { first: 3, last: 3 } }),
    protect: true,
  });
  return { sheet: expertSheet, rows: erows };
}
