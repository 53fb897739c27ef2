// 得分图: per rule set the applicants with a final score, their finals and the nomination line.
import { colLetter } from "../../workbook/a1";
import { SheetBuilder } from "../../workbook/sheet-builder";
import type { ChartLayout, SheetLayout } from "../../workbook/types";
import { numberOr0 } from "../formulas";
import { COMMITTEE_SHEET, type ChartMap } from "../types";
import { ext, page, q, ref, shows } from "./shared";
import type { CommitteeContext } from "./context";

export function chartSheet(ctx: CommitteeContext): { sheet: SheetLayout; series: ChartMap["series"] } {
  const { groups, result, params, statusRef, shownRef, finalRef } = ctx;
  const chart = new SheetBuilder("chart", COMMITTEE_SHEET.chart);
  // B and C hold the numbers the chart plots (hidden: a fixed number format would print 549.995 as 550.00); A
  // prints each applicant with its status and its final under the display rule, as the chart's categories do.
  chart.columns = [
    { col: "A", width: 30 },
    { col: "B", width: 12, hidden: true },
    { col: "C", width: 12, hidden: true },
  ];
  chart.text("A1", "综合得分与提名分数线", "title");
  chart.text("A2", "各奖项类别申报者的综合得分（柱）与提名分数线（线），数据随“汇总”“参数”变化。", "note");
  chart.merges.push("A2:N2");
  const series: ChartMap["series"] = [];
  const charts: ChartLayout[] = [];
  const chartBreaks: number[] = [];
  let crow = 4;
  for (const g of groups) {
    const withFinal = g.applicants.filter(({ a }) => a.final !== null);
    if (!withFinal.length) continue;
    const blockStart = crow;
    if (charts.length) chartBreaks.push(crow); // each ranking's chart on a page of its own
    chart.text(ref("A", crow), g.rules.name.zh, "section");
    crow++;
    const header = crow;
    ["申报者、结论、综合得分", "综合得分", "提名分数线"].forEach((h, i) =>
      chart.text(ref(colLetter(i + 1), crow), h, "header"),
    );
    crow++;
    const first = crow;
    const line = ext(params.sheet, params.columns[g.rules.id], params.rows.final);
    for (const { a } of withFinal) {
      // The category: the applicant, its status and its final as the display rule prints it (live), so that a bar
      // is never read without its verdict (a vetoed or non-advanced applicant is marked).
      chart.formula(
        ref("A", crow),
        `${q(a.applicant)}&CHAR(10)&${statusRef(a.applicant)}&"  "&${shownRef(a.applicant, "finalShown")}`,
        shows(result, { applicant: a.applicant, field: "chartLabel" }),
        "userText",
      );
      chart.height(crow, 28);
      chart.formula(
        ref("B", crow),
        numberOr0(finalRef(a.applicant)),
        shows(result, { applicant: a.applicant, field: "final" }),
        "score",
      );
      chart.formula(
        ref("C", crow),
        `IF(${line}="",NA(),${line})`,
        shows(result, { applicant: a.applicant, field: "chartLine" }),
        "score",
      );
      crow++;
    }
    const last = crow - 1;
    const title = `${g.rules.name.zh}：综合得分与提名分数线`;
    series.push({
      ruleSet: g.rules.id,
      title,
      names: `A${first}:A${last}`,
      finals: `B${first}:B${last}`,
      line: `C${first}:C${last}`,
      count: last - first + 1,
    });
    const bottom = blockStart + Math.max(18, last - blockStart + 2);
    charts.push({ title, data: `A${header}:C${last}`, from: `E${blockStart}`, to: `N${bottom}` });
    crow = bottom + 2;
  }
  const chartSheet = chart.build({
    tabColor: "1F4E78",
    print: page(`A1:N${Math.max(crow - 2, 20)}`, "landscape"),
    pageBreaks: chartBreaks,
    protect: true,
  });
  if (charts.length) chartSheet.charts = charts;
  return { sheet: chartSheet, series };
}
