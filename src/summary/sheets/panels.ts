// 专家分: one row per applicant and stage, the experts' totals side by side (inputs) and the panel's score.
import { SHEET_PLACES, type AggregateResult } from "../../core";
import { colLetter } from "../../workbook/a1";
import { STAGE_NAME } from "../../workbook/labels";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../../workbook/text";
import type { FormulaMode, SheetLayout } from "../../workbook/types";
import { SUMMARY_SHEET, type PanelsMap, type ParametersMap } from "../types";
import { inputNumber, landscape, param, ref, shows, type Group } from "./shared";
import { panelScoreFormula, shownFormula } from "../formulas";

export function panelsSheet(
  groups: Group[],
  params: ParametersMap,
  mode: FormulaMode,
  result: AggregateResult,
): { sheet: SheetLayout; map: PanelsMap } {
  const s = new SheetBuilder("panels", SUMMARY_SHEET.panels);
  const k = Math.max(
    1,
    ...groups.flatMap((g) => g.applicants.flatMap(({ a }) => [a.material.totals.length, a.onsite.totals.length])),
  );
  const totals = Array.from({ length: k }, (_, i) => colLetter(7 + i));
  const experts = Array.from({ length: k }, (_, i) => colLetter(7 + k + i));
  // E prints the panel's score under the display rule (live text); F, hidden, holds the number every formula reads.
  const columns = { applicant: "A", ruleSet: "B", stage: "C", count: "D", shown: "E", score: "F", totals, experts };
  s.columns = [
    { col: "A", width: 26 },
    { col: "B", width: 24 },
    { col: "C", width: 10 },
    { col: "D", width: 8 },
    { col: "E", width: 11 },
    { col: "F", width: 11, hidden: true },
    ...totals.map((col) => ({ col, width: 10 })),
    ...experts.map((col) => ({ col, width: 10 })),
  ];
  const lastCol = experts[k - 1];
  s.text("A1", "各专家总分与专家组得分", "title");
  s.height(1, 26);
  const how =
    "每行为一个申报者的一个评审阶段：各专家的总分（由评分引擎按评分表重新计算）并排列出，专家组得分按“参数”中的合成方法计算。修改某位专家的总分（白底单元格），汇总表立即重新计算。已回避、未填写完整、无效或重复的评分表不在此列，见“问题”。";
  s.text("A2", how, "note");
  s.merges.push(`A2:${lastCol}2`);
  s.height(2, rowHeight(wrappedLines(how, 100, 9), 9));
  const header = 4;
  ["申报者", "奖项（规则）", "评审阶段", "专家人数", "专家组得分", "专家组得分（数值）"].forEach((h, i) =>
    s.text(ref(colLetter(i + 1), header), h, "header"),
  );
  totals.forEach((col, i) => s.text(ref(col, header), `专家${i + 1}总分`, "header"));
  experts.forEach((col, i) => s.text(ref(col, header), `专家${i + 1}`, "header"));
  s.height(header, 34);
  const rows: PanelsMap["rows"] = [];
  let row = header + 1;
  for (const g of groups) {
    const method = param(params, g.rules.id, "method");
    for (const { a } of g.applicants) {
      for (const stage of ["material", "onsite"] as const) {
        const st = a[stage];
        const n = Math.max(1, st.totals.length);
        const range = `${totals[0]}${row}:${totals[n - 1]}${row}`;
        s.text(ref("A", row), a.applicant, "userText");
        s.text(ref("B", row), g.rules.name.zh, "text");
        s.text(ref("C", row), st.method === "consensus" ? `${STAGE_NAME[stage]}（合议）` : STAGE_NAME[stage], "text");
        const count = ref("D", row);
        s.formula(count, `COUNT(${range})`, shows(result, { applicant: a.applicant, stage, field: "count" }), "count");
        // The line the score is compared with: the advance line after the material review, none on site.
        const line = stage === "material" ? [param(params, g.rules.id, "advance")] : [];
        const shown = ref("E", row);
        const score = ref("F", row);
        if (st.method === "consensus") {
          // Scored by consensus: the group's agreed total (合议表) is an input like the experts' totals (General:
          // it shows the digits typed); F reads it for every formula.
          s.input(shown, st.score === null ? null : inputNumber(st.score), "inputNumber");
          s.formula(
            score,
            `IF(ISNUMBER(${shown}),ROUND(${shown},${SHEET_PLACES}),"")`,
            shows(result, { applicant: a.applicant, stage, field: "score" }),
            "score",
          );
        } else {
          s.formula(
            score,
            panelScoreFormula(range, count, method, mode),
            shows(result, { applicant: a.applicant, stage, field: "score" }),
            "score",
          );
          s.formula(
            shown,
            shownFormula(score, line),
            shows(result, { applicant: a.applicant, stage, field: "shown" }),
            "finalText",
          );
        }
        st.totals.forEach((t, i) => {
          s.input(ref(totals[i], row), inputNumber(t), "inputScore");
          s.text(ref(experts[i], row), st.experts[i], "userText");
        });
        if (st.totals.length === 0) s.input(ref(totals[0], row), null, "inputScore");
        // As tall as the longest wrapped name on the row (applicant, rule set, an expert).
        const lines = Math.max(
          wrappedLines(a.applicant, 26, 10),
          wrappedLines(g.rules.name.zh, 24, 10),
          ...st.experts.map((e) => wrappedLines(e, 10, 10)),
        );
        if (lines > 1) s.height(row, rowHeight(lines, 10));
        rows.push({ applicant: a.applicant, stage, row });
        row++;
      }
    }
  }
  if (rows.length === 0) s.text(ref("A", row), "（没有可计入的评分表）", "note");
  return {
    sheet: s.build({
      tabColor: "548235",
      freeze: { rows: header, columns: 1 },
      print: landscape(`A1:${lastCol}${Math.max(row, header + 1)}`, header),
      protect: true,
    }),
    map: { sheet: s.name, columns, rows },
  };
}
