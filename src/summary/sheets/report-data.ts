// 报告数据 (very hidden): one row per fact, read back by `scorebook report`: stage scores, final and status as live
// references, the category and item breakdown as the engine computed it.
import { stageBreakdown, type ApplicantResult, type StageId, type SummaryFigure } from "../../core";
import { colLetter } from "../../workbook/a1";
import { STAGE_NAME } from "../../workbook/labels";
import { SheetBuilder } from "../../workbook/sheet-builder";
import type { SheetLayout } from "../../workbook/types";
import { COMMITTEE_SHEET } from "../types";
import { ext, r9, ref, shows } from "./shared";
import type { CommitteeContext } from "./context";

export function reportDataSheet(ctx: CommitteeContext): SheetLayout {
  const { groups, result, params, awardTitle, finalRef, statusRef, stageRef } = ctx;
  const d = new SheetBuilder("reportData", COMMITTEE_SHEET.reportData);
  d.columns = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"].map((col) => ({ col, width: 16 }));
  // line: the threshold the value is compared with (live from 参数; blank: none), for the display rule.
  ["kind", "applicant", "stage", "code", "name", "value", "max", "extra", "more", "line"].forEach((h, i) =>
    d.text(ref(colLetter(i + 1), 1), h, "dataKey"),
  );
  let drow = 2;
  const put = (cells: (string | number | null | { f: string; shows: SummaryFigure })[]) => {
    cells.forEach((c, i) => {
      const at = ref(colLetter(i + 1), drow);
      if (c !== null && typeof c === "object") d.formula(at, c.f, shows(result, c.shows), "dataKey");
      else if (c !== null) d.set(at, { value: c, style: typeof c === "string" ? "dataKey" : undefined });
    });
    drow++;
  };
  for (const g of groups) {
    const lineCell = (a: ApplicantResult, key: "final" | "advance") => {
      const at = ext(params.sheet, params.columns[g.rules.id], params.rows[key]);
      return {
        f: `IF(ISNUMBER(${at}),${at},"")`,
        shows: { applicant: a.applicant, field: key === "final" ? "finalLine" : "advanceLine" } as const,
      };
    };
    for (const { a, bundle } of g.applicants) {
      const r = bundle.rubric;
      put([
        "applicant",
        a.applicant,
        null,
        r.id,
        r.title.zh,
        { f: finalRef(a.applicant), shows: { applicant: a.applicant, field: "final" } },
        { f: statusRef(a.applicant), shows: { applicant: a.applicant, field: "status" } },
        awardTitle(g.rules),
        g.rules.name.zh,
        lineCell(a, "final"),
      ]);
      for (const stage of ["material", "onsite"] as StageId[]) {
        const st = a[stage];
        const bd = stageBreakdown(r, bundle.scale, st, result.used);
        if (!bd || st.score === null) continue;
        const method =
          st.method === "consensus"
            ? "合议"
            : st.method === "trimmed"
              ? "去掉最高分和最低分后平均"
              : st.method === "median"
                ? "中位数"
                : "平均分";
        put([
          "stage",
          a.applicant,
          stage,
          null,
          STAGE_NAME[stage],
          { f: stageRef(a.applicant, stage), shows: { applicant: a.applicant, stage, field: "score" } },
          r.totalPoints,
          method,
          st.experts.length,
          stage === "material" ? lineCell(a, "advance") : null,
        ]);
        for (const c of bd.categories) put(["category", a.applicant, stage, c.code, c.name, r9(c.score), c.points]);
        for (const i of bd.items)
          put([
            "item",
            a.applicant,
            stage,
            i.code,
            i.name,
            i.band,
            i.points,
            i.score === null ? null : r9(i.score),
            i.value,
          ]);
      }
    }
  }
  const dataSheet = d.build({ visibility: "veryHidden", showGridLines: true, protect: true });
  return dataSheet;
}
