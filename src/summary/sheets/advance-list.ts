// 公示名单（现场评审）: the applicants advancing after the material review, with the approval and 公示 lines the rules
// name for it (河北 四（四）4–5).
import { onAdvanceList } from "../../core";
import type { SheetLayout } from "../../workbook/types";
import { COMMITTEE_SHEET } from "../types";
import type { CommitteeContext } from "./context";
import { listSheet } from "./list-sheet";

export function advanceListSheet(ctx: CommitteeContext): { sheet: SheetLayout; count: number } {
  const { shownRef, fig } = ctx;
  return listSheet(
    ctx,
    "advanceList",
    COMMITTEE_SHEET.advanceList,
    "进入现场评审名单（公示）",
    (a) => onAdvanceList(a),
    [
      {
        header: "申报者",
        width: 40,
        put: (s, cell, a) => s.text(cell, a.applicant, "userText"),
      },
      {
        header: "材料评审得分",
        width: 14,
        put: (s, cell, a) =>
          s.formula(cell, shownRef(a.applicant, "materialShown"), fig(a, "materialShown"), "scoreText"),
      },
    ],
    // Published: the rule only; how the list follows the summary stays beside it, off the page.
    (g) => g.rules.advance?.note ?? "材料评审后进入现场评审的申报者。",
    // 河北 四（四）4–5: the list is approved by the committee's chair, then publicised (no fewer than 5 working days);
    // a rule set without an advance line has neither step in its text.
    (g) => ({ publicity: !!g.rules.advance, approval: g.rules.advance ? ["评审委员会主任（审批）："] : [] }),
    () => "名单按汇总时的结果列出；得分随“专家分”变化。",
  );
}
