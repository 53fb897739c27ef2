// The round workbook re-checked on every read (generate, status, aggregate --round, the pane): 分组 is what the draw
// wrote, but a clerk can edit it by hand. Every assignment must still name an expert of 专家库 and an applicant of
// 申报者, and keep 回避 and the rules switched on in 参数 (同单位回避, 同地回避). A hand edit that breaks one is named
// with its sheet and row; the secretariat can accept it only explicitly, with a reason in the 调整原因 column, and
// then it is listed as an accepted adjustment (the audit), never silently.
import { nameKey } from "../names";
import { exclusionOf } from "./draw";
import type { PanelRow } from "./parse";
import { STAGE_ZH } from "./params";
import type { Assignment, RoundInput, RoundProblem } from "./types";

/** The rules a hand edit may break: what the draw itself never does. */
const BROKEN = new Set(["declared", "same-employer", "same-place"]);

export function recheckPanels(
  assignments: readonly Assignment[],
  rows: readonly PanelRow[],
  input: RoundInput,
  sheet: string,
): { problems: RoundProblem[]; adjustments: RoundProblem[] } {
  const experts = new Map(input.experts.map((e) => [nameKey(e.name), e]));
  const applicants = new Map(input.applicants.map((a) => [nameKey(a.name), a]));
  const problems: RoundProblem[] = [];
  const adjustments: RoundProblem[] = [];
  assignments.forEach((a, i) => {
    const at = rows[i];
    const where = `${sheet}!第 ${at?.row ?? "?"} 行`;
    const named = (zh: string, en: string): RoundProblem => ({
      code: "round-panel-edited",
      sheet,
      row: at?.row,
      applicant: a.applicant,
      stage: a.stage,
      zh: `${where}：${zh}`,
      en: `${sheet} row ${at?.row ?? "?"}: ${en}`,
    });
    const e = experts.get(nameKey(a.expert));
    const ap = applicants.get(nameKey(a.applicant));
    let p: RoundProblem | null = null;
    if (!e) p = named(`专家 ${a.expert} 不在专家库中`, `expert ${a.expert} is not in the expert pool`);
    else if (!ap) p = named(`申报者 ${a.applicant} 不在申报者名单中`, `applicant ${a.applicant} is not in the round`);
    else {
      const x = exclusionOf(e, ap, a.stage, input);
      if (x && BROKEN.has(x.code))
        p = named(
          `${a.expert} 与 ${a.applicant} 有回避关系（${x.reason}），不应在其${STAGE_ZH[a.stage]}专家组中`,
          `${a.expert} has a conflict with ${a.applicant} (${x.code}) and may not be on its ${a.stage} panel`,
        );
    }
    if (!p) return;
    const reason = at?.adjustment.trim();
    if (reason)
      adjustments.push({
        ...p,
        code: "round-panel-adjusted",
        zh: `${p.zh}；已按“调整原因”接受：${reason}`,
        en: `${p.en}; accepted with the adjustment reason: ${reason}`,
      });
    else problems.push({ ...p, zh: `${p.zh}（分组被手工改动；如确需如此，请在“调整原因”列写明原因）` });
  });
  return { problems, adjustments };
}
