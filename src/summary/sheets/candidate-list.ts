// 授奖候选名单: the candidate list for the committee (四、（六）3), in ranking order; not publicised.
import type { SheetLayout } from "../../workbook/types";
import { COMMITTEE_SHEET } from "../types";
import { TIE_NOTE } from "./shared";
import type { CommitteeContext } from "./context";
import { listSheet } from "./list-sheet";

export function candidateListSheet(ctx: CommitteeContext): { sheet: SheetLayout; count: number } {
  const { rankRef, shownRef, statusRef, fig } = ctx;
  return listSheet(
    ctx,
    "candidateList",
    COMMITTEE_SHEET.candidateList,
    "授奖候选名单",
    (a) => a.status === "candidate",
    [
      { header: "名次", width: 8, put: (s, cell, a) => s.formula(cell, rankRef(a.applicant), fig(a, "rank"), "rank") },
      { header: "申报者", width: 40, put: (s, cell, a) => s.text(cell, a.applicant, "userText") },
      {
        header: "综合得分",
        width: 12,
        put: (s, cell, a) => s.formula(cell, shownRef(a.applicant, "finalShown"), fig(a, "finalShown"), "finalText"),
      },
      {
        header: "结论",
        width: 10,
        put: (s, cell, a) => s.formula(cell, statusRef(a.applicant), fig(a, "status"), "statusText"),
      },
      {
        // Ties on the last place inside the limit: all are listed, and the committee decides (the tool does not).
        header: "备注",
        width: 24,
        put: (s, cell, a) => s.text(cell, a.notes.some((n) => n.code === "tie-at-limit") ? TIE_NOTE : "", "smallText"),
      },
    ],
    (g) =>
      `${g.rules.notes?.find((n) => n.includes("候选")) ?? "综合得分达到提名分数线者，按得分由高到低列入授奖候选名单。"}提请评审委员会审议表决，不公示。名单按汇总时的结果列出（快照）；“结论”随“汇总”变化，与名单不一致时请重新生成汇总表。${
        g.applicants.some(({ a }) => a.notes.some((n) => n.code === "tie-at-limit")) ? `末位并列：${TIE_NOTE}。` : ""
      }`,
    () => ({ publicity: false, approval: [] }),
  );
}
