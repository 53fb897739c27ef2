// 受理名单: after 资格审查 the secretariat publicises the applicants it accepted (河北 四（三）2). Which awards name the
// list is award data (a rule set's `documents` holds "accepted-list"); the round workbook's 申报者 are the accepted
// applicants. Pure: the sheet is laid out in src/round.
import type { Library } from "../rubric/registry";
import type { RoundApplicant } from "./types";

export interface AcceptedList {
  ruleSetId: string;
  /** 河北省政府质量奖组织奖受理名单 */
  title: string;
  rows: { name: string; rubric: string; sector: string; place: string }[];
}

/**
 * One list per rule set that names it, in the order of the award data; applicants as the secretariat listed them in
 * 申报者 (the order is theirs: by 推荐单位, by 行业 …). Applicants of rubrics the library does not know are left to
 * the round's own problems.
 */
export function acceptedLists(applicants: readonly RoundApplicant[], lib: Library): AcceptedList[] {
  const lists = new Map<string, AcceptedList>();
  for (const award of lib.awards)
    for (const rules of award.ruleSets)
      if (rules.documents?.includes("accepted-list"))
        lists.set(rules.id, { ruleSetId: rules.id, title: `${rules.name.zh}受理名单`, rows: [] });
  for (const a of applicants) {
    const bundle = lib.get(a.rubricId);
    const list = bundle && lists.get(bundle.rules.id);
    if (!list) continue;
    list.rows.push({ name: a.name, rubric: bundle.rubric.title.zh, sector: a.sector ?? "", place: a.place ?? "" });
  }
  return [...lists.values()].filter((l) => l.rows.length > 0);
}
