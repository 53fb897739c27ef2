// 明细: every expert's input per item, the panel statistics and the divergence flags (专家分歧, for the 合议).
import { sheetsOfFiles, type AggregateResult, type DetailField, type ReturnedSheet, type StageId } from "../../core";
import { colLetter } from "../../workbook/a1";
import { STAGE_NAME } from "../../workbook/labels";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../../workbook/text";
import type { SheetLayout } from "../../workbook/types";
import { rubricShortName } from "../groups";
import { SUMMARY_SHEET, type DetailsMap, type ParametersMap } from "../types";
import { C } from "./styles";
import { landscape, param, r9, ref, shows, type Group } from "./shared";
import { spreadFormula } from "../../workbook/formulas";

function sheetsOf(result: AggregateResult, files: readonly string[]): ReturnedSheet[] {
  return sheetsOfFiles(result.used, files);
}

export function detailsSheet(
  groups: Group[],
  result: AggregateResult,
  params: ParametersMap,
): { sheet: SheetLayout; map: DetailsMap } {
  const s = new SheetBuilder("details", SUMMARY_SHEET.details);
  const k = Math.max(
    1,
    ...groups.flatMap((g) => g.applicants.flatMap(({ a }) => [a.material.totals.length, a.onsite.totals.length])),
  );
  s.columns = [
    { col: "A", width: 7 },
    { col: "B", width: 20 },
    { col: "C", width: 6 },
    ...Array.from({ length: k + 6 }, (_, i) => ({ col: colLetter(4 + i), width: 10 })),
  ];
  const lastCol = colLetter(3 + k + 6);
  s.text("A1", "评分明细与专家分歧", "title");
  s.height(1, 26);
  const how =
    "各专家对每个评价项目的输入（成熟度或得分）并排列出，右侧为专家组统计。极差以百分点计（按分值计分的项目折算为占分值的百分比）；成熟度相差两档及以上，或极差超过“参数”中的分歧阈值，标为“分歧”（黄色），提交专家组合议。";
  s.text("A2", how, "note");
  s.merges.push(`A2:${lastCol}2`);
  s.height(2, rowHeight(wrappedLines(how, 100, 9), 9));
  const blocks: DetailsMap["blocks"] = [];
  let row = 4;
  for (const g of groups) {
    const limit = param(params, g.rules.id, "divergence");
    for (const { a, bundle } of g.applicants) {
      const maturity = bundle.rubric.scoring === "maturity";
      for (const stage of ["material", "onsite"] as StageId[]) {
        const used = sheetsOf(result, a[stage].files);
        if (used.length === 0) continue;
        const n = used.length;
        const titleRow = row;
        s.text(
          ref("A", titleRow),
          `${a.applicant} · ${STAGE_NAME[stage]}（${rubricShortName(bundle.rubric.title.zh)}，${n} 位专家）`,
          "blockTitle",
        );
        s.height(titleRow, 22);
        const headerRow = titleRow + 1;
        const inputs = Array.from({ length: n }, (_, i) => colLetter(4 + i));
        const [mean, min, max, spread, bands, divergent] = Array.from({ length: 6 }, (_, i) => colLetter(4 + n + i));
        ["编号", "评价项目", "分值"].forEach((h, i) => s.text(ref(colLetter(i + 1), headerRow), h, "header"));
        used.forEach((u, i) => s.text(ref(inputs[i], headerRow), u.expert, "headerUser"));
        [maturity ? "平均" : "平均分", "最低", "最高", "极差\n(百分点)", "跨档", "分歧"].forEach((h, i) =>
          s.text(ref(colLetter(4 + n + i), headerRow), h, "header"),
        );
        s.height(headerRow, 30);
        const first = headerRow + 1;
        const items: { code: string; row: number }[] = [];
        const divs = result.divergences.filter((d) => d.applicant === a.applicant && d.stage === stage);
        bundle.rubric.items.forEach((item, i) => {
          const r = first + i;
          items.push({ code: item.code, row: r });
          s.text(ref("A", r), item.code, "code");
          s.text(ref("B", r), item.name, "text");
          s.value(ref("C", r), item.points, "count");
          used.forEach((u, j) => {
            const v = u.items.find((x) => x.code === item.code)?.value ?? null;
            s.value(
              ref(inputs[j], r),
              v === null ? null : maturity ? Number((v / 100).toFixed(9)) : v,
              maturity ? "percent" : "points",
            );
          });
          const range = `${inputs[0]}${r}:${inputs[n - 1]}${r}`;
          const style = maturity ? "percent" : "score";
          // Each statistic names its figure (src/core/summary-figures.ts); the cached value is the engine's.
          const fig = (field: DetailField) =>
            shows(result, {
              applicant: a.applicant,
              stage,
              item: item.code,
              field,
              scoring: maturity ? "maturity" : "points",
            });
          s.formula(
            ref(mean, r),
            `IF(COUNT(${range})=0,"",AVERAGE(${range}))`,
            fig("mean"),
            maturity ? "percent1" : style,
          );
          s.formula(ref(min, r), `IF(COUNT(${range})=0,"",MIN(${range}))`, fig("min"), style);
          s.formula(ref(max, r), `IF(COUNT(${range})=0,"",MAX(${range}))`, fig("max"), style);
          s.formula(ref(spread, r), spreadFormula(range, maturity ? null : ref("C", r)), fig("spread"), "spread");
          const d = divs.find((x) => x.code === item.code);
          // Shown where the bands are DIVERGENCE_BANDS or more apart (the flag below reads this cell).
          const bandText = d && d.reason !== "spread" ? `第 ${d.bands.join("、")} 档` : "";
          s.text(ref(bands, r), bandText, "smallText");
          s.formula(
            ref(divergent, r),
            `IF(OR(${ref(bands, r)}<>"",IF(${ref(spread, r)}="",FALSE,${ref(spread, r)}>${limit})),"分歧","")`,
            fig("divergent"),
            "flag",
          );
        });
        const last = first + bundle.rubric.items.length - 1;
        const totalRow = last + 1;
        s.text(ref("B", totalRow), "总分", "sumLabel");
        s.value(ref("C", totalRow), bundle.rubric.totalPoints, "count");
        used.forEach((u, j) => s.value(ref(inputs[j], totalRow), r9(u.total), "score"));
        s.conditionalFormats.push({
          ref: `A${first}:${divergent}${last}`,
          formula: `$${divergent}${first}="分歧"`,
          fill: C.warn,
          priority: blocks.length + 1,
        });
        blocks.push({
          applicant: a.applicant,
          stage: stage,
          titleRow,
          headerRow,
          firstRow: first,
          lastRow: last,
          items,
          columns: { code: "A", inputs, mean, min, max, spread, bands, divergent },
        });
        row = totalRow + 2;
      }
    }
  }
  if (blocks.length === 0) s.text(ref("A", row), "（没有可计入的评分表）", "note");
  return {
    // Each applicant and stage starts a page, so that its header row heads every page of it.
    sheet: s.build({
      tabColor: "BF8F00",
      print: landscape(`A1:${lastCol}${row}`),
      pageBreaks: blocks.slice(1).map((b) => b.titleRow),
      protect: true,
    }),
    map: { sheet: s.name, blocks },
  };
}
