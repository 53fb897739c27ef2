// 参数: per rule set (one column each) the stage weights, panel method, thresholds, top N, divergence limit and the
// printed titles' award, year and batch; white cells are the what-if inputs every live formula reads.
import {
  DIVERGENCE_LIMIT,
  PANEL_METHOD_TEXT,
  PANEL_METHODS,
  stageWeight,
  thresholdsOf,
  toNumber,
  type AggregateOptions,
  type RuleSet,
} from "../../core";
import { colLetter } from "../../workbook/a1";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../../workbook/text";
import type { SheetLayout } from "../../workbook/types";
import { SUMMARY_SHEET, type ParametersMap } from "../types";
import { landscape, ref, type Group } from "./shared";

// The panel methods as the cell offers them: Chinese names (QA.PANEL and the native formula read them).
const METHODS = PANEL_METHODS.map((m) => PANEL_METHOD_TEXT[m].zh);

export function parametersSheet(
  allGroups: Group[],
  agg: AggregateOptions,
  titles: (rules: RuleSet) => { award: string; year: number },
): { sheet: SheetLayout; map: ParametersMap } {
  const s = new SheetBuilder("parameters", SUMMARY_SHEET.parameters);
  // One column per rule set (several rankings of one rule set, e.g. 江门's sectors, share its parameters).
  const groups = allGroups.filter((g, i) => allGroups.findIndex((x) => x.rules.id === g.rules.id) === i);
  // The rule set id (QA.STATUS reads it) sits below the print area: a printed page shows names, not ids.
  const rows = {
    materialWeight: 5,
    onsiteWeight: 6,
    method: 7,
    advance: 8,
    final: 9,
    topN: 10,
    divergence: 11,
    awardName: 12,
    year: 13,
    batch: 14,
    ruleSet: 16,
  };
  const columns: Record<string, string> = {};
  groups.forEach((g, i) => (columns[g.rules.id] = colLetter(i + 2)));
  const noteCol = colLetter(groups.length + 2);
  s.columns = [
    { col: "A", width: 24 },
    ...groups.map((_, i) => ({ col: colLetter(i + 2), width: 22 })),
    { col: noteCol, width: 64 },
  ];
  s.text("A1", "评审参数", "title");
  s.height(1, 26);
  const how =
    "修改白底单元格，“汇总”工作表立即重新计算专家组得分、综合得分、结论和名次。分数线、名额留空表示不设。每种奖项（规则）一列，分别排名。";
  s.text("A2", how, "note");
  s.merges.push(`A2:${noteCol}2`);
  s.height(2, 28);
  s.text("A4", "参数", "header");
  groups.forEach((g) => s.text(ref(columns[g.rules.id], 4), g.rules.name.zh, "header"));
  s.text(ref(noteCol, 4), "说明", "header");
  s.height(4, 30);
  const label = (row: number, l: string, note: string) => {
    s.text(ref("A", row), l, "paramLabel");
    s.text(ref(noteCol, row), note, "paramNote");
    s.height(row, rowHeight(wrappedLines(note, 64, 9), 9));
  };
  label(rows.ruleSet, "规则编号（供函数使用）", "加载项函数按它取奖项规则的默认值，请勿修改；不打印。");
  label(
    rows.materialWeight,
    "材料评审权重",
    "综合得分 = 材料评审得分 × 材料评审权重 + 现场评审得分 × 现场评审权重 + 加分（+ 公众满意度）。0 至 1，如 30%。",
  );
  label(rows.onsiteWeight, "现场评审权重", "= 1 − 材料评审权重（自动计算）。");
  label(
    rows.method,
    "专家组合成方法",
    "平均分；去掉最高分和最低分后的平均分（去掉一个最高分和一个最低分，不足 3 人时取平均分）；中位数。",
  );
  label(rows.advance, "进入现场评审分数线", "材料评审得分达到此分数（含）方可进入现场评审；留空表示不设。");
  label(rows.final, "提名分数线", "综合得分达到此分数（含）方可列入候选；留空表示不设。");
  label(
    rows.topN,
    "候选名额（前 N 名）",
    "达到提名分数线者按综合得分由高到低，不超过 N 名列入候选，其余为“超出名额”；并列者同名次；留空表示不限。",
  );
  label(
    rows.divergence,
    "专家分歧阈值（百分点）",
    "同一评价项目各专家成熟度的极差超过此值（或成熟度相差两档及以上），在“明细”中标为分歧，提交合议。",
  );
  label(rows.awardName, "奖项名称（打印标题）", "评审委员会材料（候选名单、表决记录表等）标题中的奖项名称。");
  label(rows.year, "年度（打印标题）", "如 2025；留空则标题不写年度。");
  label(rows.batch, "批次（打印标题）", "如“第一批”；留空则标题不写批次。");
  for (const g of groups) {
    const col = columns[g.rules.id];
    const t = titles(g.rules);
    s.input(ref(col, rows.awardName), t.award, "paramText");
    s.input(ref(col, rows.year), t.year, "inputNumber");
    s.input(ref(col, rows.batch), null, "paramText");
  }
  for (const g of groups) {
    const col = columns[g.rules.id];
    const r = g.rules;
    const t = thresholdsOf(r, agg.thresholds);
    const w = agg.materialWeight ?? stageWeight(r, "material");
    s.text(ref(col, rows.ruleSet), r.id, "paramValue");
    s.input(ref(col, rows.materialWeight), toNumber(w), "inputPercent");
    s.formula(
      ref(col, rows.onsiteWeight),
      `1-${ref(col, rows.materialWeight)}`,
      Number((1 - toNumber(w)).toFixed(9)),
      "paramPercent",
    );
    s.input(ref(col, rows.method), PANEL_METHOD_TEXT[agg.method ?? r.panelMethod].zh, "inputChoice");
    s.input(ref(col, rows.advance), t.advance === null ? null : toNumber(t.advance), "inputNumber");
    s.input(ref(col, rows.final), t.final === null ? null : toNumber(t.final), "inputNumber");
    s.input(ref(col, rows.topN), t.topN, "inputNumber");
    s.input(ref(col, rows.divergence), agg.divergence ?? DIVERGENCE_LIMIT, "inputNumber");
  }
  if (groups.length) {
    const last = colLetter(groups.length + 1);
    const span = (row: number) => `B${row}:${last}${row}`;
    s.validations.push(
      {
        ref: span(rows.materialWeight),
        type: "decimal",
        min: 0,
        max: 1,
        allowBlank: false,
        error: { title: "权重无效", message: "材料评审权重应在 0 与 1 之间，如 30%。" },
      },
      {
        ref: span(rows.method),
        type: "list",
        list: METHODS,
        allowBlank: false,
        error: { title: "方法无效", message: `请选择：${METHODS.join("、")}。` },
      },
      {
        ref: span(rows.advance),
        type: "decimal",
        min: 0,
        max: 100000,
        allowBlank: true,
        error: { title: "分数线无效", message: "请填写非负数，或留空表示不设。" },
      },
      {
        ref: span(rows.final),
        type: "decimal",
        min: 0,
        max: 100000,
        allowBlank: true,
        error: { title: "分数线无效", message: "请填写非负数，或留空表示不设。" },
      },
      {
        ref: span(rows.topN),
        type: "whole",
        min: 1,
        max: 100000,
        allowBlank: true,
        error: { title: "名额无效", message: "请填写正整数，或留空表示不限。" },
      },
      {
        ref: span(rows.divergence),
        type: "decimal",
        min: 0,
        max: 100,
        allowBlank: false,
        error: { title: "阈值无效", message: "请填写 0 至 100 的百分点数，如 20。" },
      },
    );
  }
  return {
    sheet: s.build({ tabColor: "7F7F7F", print: landscape(`A1:${noteCol}${rows.batch}`), protect: true }),
    // (rows.ruleSet is below the print area on purpose)
    map: { sheet: s.name, columns, rows },
  };
}
